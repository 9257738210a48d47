package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pods/log and pods/exec: the API server finds the pod's node and proxies to the node agent's
 * kubelet API, as kube-apiserver does with the kubelet's port 10250. Logs stream through as
 * they come; exec is a WebSocket (v5/v4.channel.k8s.io) whose messages are relayed both ways
 * between kubectl and the agent. SPDY is refused by name.
 */
final class PodProxyHandlers {
  static final List<String> EXEC_PROTOCOLS = ApiRoutes.WEBSOCKET_SUBPROTOCOLS;
  private static final Set<String> LOG_PARAMS = Set.of("follow", "previous", "tailLines",
      "limitBytes", "timestamps", "sinceSeconds", "sinceTime", "insecureSkipTLSVerifyBackend");
  private static final Set<String> EXEC_PARAMS = Set.of("command", "stdin", "stdout", "stderr",
      "tty", "input", "output", "error");

  private final ResourceStore store;
  private final ResourceType pods;
  private final ResourceType nodes;
  private final HttpClient http;
  private final WebSocketClient ws;

  private final Metrics metrics;

  PodProxyHandlers(ResourceStore store, Metrics metrics, Vertx vertx) {
    this.store = store;
    this.metrics = metrics;
    this.pods = store.registry().get("", "pods");
    this.nodes = store.registry().get("", "nodes");
    // Each `logs -f` holds a connection for as long as it follows: a pool of Vert.x's default
    // five per node would make the sixth wait.
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000)
        .setMaxInitialLineLength(16 * 1024), new PoolOptions().setHttp1MaxSize(256));
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(5000)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20));
  }

  /** Registered before the body handler: an exec upgrade must not have its request read. */
  void register(Router r) {
    r.get("/api/v1/namespaces/:namespace/pods/:name/log").handler(ctx -> {
      counted(ctx, "get", "pods/log");
      log(ctx);
    });
    r.route("/api/v1/namespaces/:namespace/pods/:name/exec").handler(ctx -> {
      counted(ctx, ctx.request().method() == HttpMethod.POST ? "create" : "get", "pods/exec");
      exec(ctx);
    });
  }

  /** Counted like every other request, when it ends (a follow or a session may last long). */
  private void counted(RoutingContext ctx, String verb, String resource) {
    long start = System.nanoTime();
    ctx.addEndHandler(v -> metrics.request(verb, resource, ctx.response().getStatusCode(),
        System.nanoTime() - start));
  }

  /** The pod, its container and its node's kubelet endpoint. */
  private record Target(String node, String container, KubeletLocator.Endpoint endpoint) {}

  private Future<Target> locate(RoutingContext ctx, boolean exec) {
    String ns = ctx.pathParam("namespace");
    String name = ctx.pathParam("name");
    var context = ctx.vertx().getOrCreateContext();
    return Future.fromCompletionStage(store.get(pods, ns, name, null), context)
        .compose(pod -> {
          JsonNode p = pod.object();
          String container = KubeletLocator.container(p, name,
              ctx.queryParams().get("container"));
          String node = KubeletLocator.nodeName(p, name);
          if (exec) {
            KubeletLocator.checkExecutable(p);
          }
          return Future.fromCompletionStage(store.get(nodes, null, node, null), context)
              .recover(t -> Future.failedFuture(Responses.asApi(t).code() == 404
                  ? ApiException.serviceUnavailable("node " + node + " of pod " + name
                      + " is not registered") : t))
              .map(n -> new Target(node, container, KubeletLocator.endpoint(n.object(), node)));
        });
  }

  private void log(RoutingContext ctx) {
    String ns = ctx.pathParam("namespace");
    String name = ctx.pathParam("name");
    locate(ctx, false).compose(t -> {
      String uri = "/containerLogs/" + ns + "/" + name + "/" + t.container()
          + forward(ctx.queryParams(), LOG_PARAMS);
      return http.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost(t.endpoint().host()).setPort(t.endpoint().port()).setURI(uri))
          .compose(req -> req.send())
          .recover(e -> Future.failedFuture(KubeletLocator.unreachable(t.node(), t.endpoint(),
              e)));
    }).onSuccess(resp -> {
      var out = ctx.response();
      if (out.closed()) {
        resp.request().reset();
        return;
      }
      // Streamed as it comes: no gzip, which would hold lines back.
      out.setStatusCode(resp.statusCode()).setChunked(true)
          .putHeader("Content-Type", resp.getHeader("Content-Type") == null ? "text/plain"
              : resp.getHeader("Content-Type"))
          .putHeader("Content-Encoding", "identity");
      out.closeHandler(v -> resp.request().reset());
      resp.pipeTo(out);
    }).onFailure(t -> Responses.fail(ctx, t));
  }

  private void exec(RoutingContext ctx) {
    ctx.request().pause();
    boolean webSocket = ctx.request().canUpgradeToWebSocket();
    try {
      if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.POST) {
        throw ApiException.methodNotAllowed("pods/exec answers GET and POST");
      }
      if (ctx.queryParams().getAll("command").isEmpty()) {
        throw ApiException.badRequest("you must specify at least 1 command");
      }
    } catch (ApiException e) {
      Responses.fail(ctx, e);
      return;
    }
    String ns = ctx.pathParam("namespace");
    String name = ctx.pathParam("name");
    locate(ctx, true).onSuccess(t -> {
      if (!webSocket) {
        Responses.fail(ctx, ApiException.badRequest("kubling serves pods/exec over WebSocket"
            + " only (" + String.join(", ", EXEC_PROTOCOLS) + "); SPDY is not supported"));
        return;
      }
      String uri = "/exec/" + ns + "/" + name + "/" + t.container()
          + forward(ctx.queryParams(), EXEC_PARAMS);
      ctx.request().toWebSocket().onSuccess(client -> {
        client.pause();
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(t.endpoint().host())
            .setPort(t.endpoint().port()).setURI(uri)
            .setSubProtocols(client.subProtocol() == null ? List.of()
                : List.of(client.subProtocol()));
        ws.connect(o).onSuccess(agent -> {
          if (client.isClosed()) {
            agent.close();
            return;
          }
          WebSocketRelay.both(client, agent);
          client.resume();
        }).onFailure(e -> ExecStatus.fail(client, refusal(t, e)));
      }).onFailure(e -> Responses.fail(ctx, ApiException.badRequest(
          "WebSocket upgrade failed: " + e.getMessage())));
    }).onFailure(t -> Responses.fail(ctx, t));
  }

  /** The agent's own Status message when it refused the exec, else why it was unreachable. */
  private static String refusal(Target t, Throwable e) {
    if (e instanceof UpgradeRejectedException u && u.getBody() != null) {
      try {
        String message = io.kubling.apiserver.json.Json.parseObject(u.getBody().getBytes())
            .path("message").asText("");
        if (!message.isEmpty()) {
          return message;
        }
      } catch (RuntimeException notJson) {
        // fall through to the generic wording
      }
    }
    return "the node agent of node " + t.node() + " at " + t.endpoint()
        + " is unreachable: " + e.getMessage();
  }

  /** The query parameters the kubelet API takes, passed on as they came. */
  static String forward(MultiMap q, Set<String> names) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : q.entries()) {
      if (names.contains(e.getKey())) {
        b.append(b.length() == 0 ? '?' : '&')
            .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      }
    }
    return b.toString();
  }
}

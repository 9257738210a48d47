package io.kubling.apiserver.http;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.Http;
import io.kubling.testkit.FreePorts;
import io.kubling.testkit.Kubectl;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pods/log and pods/exec against a real API server and etcd, proxied to a stand-in kubelet
 * API on loopback (the node agent's own is tested with kubectl in proxy-agent): the errors
 * kube-apiserver gives, a log streamed through, and WebSocket messages relayed both ways.
 */
class PodProxyTest {
  static ApiServerFixture f;
  static Http http;
  static Vertx vertx;
  static HttpServer kubelet;
  /** Held: a client nobody references is collected, and its connections with it. */
  static io.vertx.core.http.WebSocketClient wsClient;
  static final List<String> seenUris = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void up() throws Exception {
    f = new ApiServerFixture();
    http = new Http(f.url());
    vertx = Vertx.vertx();
    wsClient = vertx.createWebSocketClient(new WebSocketClientOptions());
    kubelet = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setWebSocketSubProtocols(List.of("v5.channel.k8s.io")))
        .requestHandler(req -> {
          seenUris.add(req.uri());
          if (req.path().startsWith("/containerLogs/")) {
            req.response().setChunked(true).putHeader("Content-Type", "text/plain");
            req.response().write("one\n");
            vertx.setTimer(100, id -> req.response().end("two\n"));
          } else {
            // Echoes stdin on stdout, then ends with exit code 7 on the error channel.
            req.toWebSocket().onSuccess(ws -> ws.binaryMessageHandler(b -> {
              if (b.getByte(0) == 0) {
                ws.writeBinaryMessage(Buffer.buffer().appendByte((byte) 1)
                    .appendBuffer(b.slice(1, b.length())));
                ws.writeBinaryMessage(Buffer.buffer().appendByte((byte) 3).appendString(
                    "{\"metadata\":{},\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\"}"))
                    .onComplete(x -> ws.close());
              }
            }));
          }
        }).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node("up", "127.0.0.1:" + kubelet.actualPort());
    node("down", "127.0.0.1:" + FreePorts.next());
    node("noip", null);
    pod("unbound", null, "c");
    pod("web", "up", "c");
    pod("two", "up", "a\",\"image\":\"x\"},{\"name\":\"b");
    pod("orphan", "down", "c");
    pod("lost", "ghost", "c");
    pod("faraway", "noip", "c");
  }

  @AfterAll
  static void down() {
    if (vertx != null) {
      vertx.close();
    }
    if (f != null) {
      f.close();
    }
  }

  static void node(String name, String endpoint) {
    String annotations = endpoint == null ? "{}"
        : "{\"kubling.io/kubelet-endpoint\":\"" + endpoint + "\"}";
    assertThat(http.post("/api/v1/nodes", "{\"metadata\":{\"name\":\"" + name
        + "\",\"annotations\":" + annotations + "}}").code()).isEqualTo(201);
  }

  static void pod(String name, String node, String container) {
    assertThat(http.post("/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"" + name
        + "\"},\"spec\":{\"containers\":[{\"name\":\"" + container
        + "\",\"image\":\"busybox\"}]}}").code()).isEqualTo(201);
    if (node != null) {
      assertThat(http.post("/api/v1/namespaces/default/pods/" + name + "/binding",
          "{\"metadata\":{\"name\":\"" + name + "\"},\"target\":{\"kind\":\"Node\",\"name\":\""
              + node + "\"}}").code()).isEqualTo(201);
    }
  }

  static void assertStatus(Http.Response r, int code, String message) {
    assertThat(r.code()).as(r.body()).isEqualTo(code);
    assertThat(r.body()).contains("\"kind\":\"Status\"").contains(message);
  }

  @Test
  void logsAreProxiedToTheNodesKubeletWithItsQuery() {
    Http.Response r = http.get("/api/v1/namespaces/default/pods/web/log?tailLines=5&follow=true");
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("one\ntwo\n");
    assertThat(seenUris).contains("/containerLogs/default/web/c?tailLines=5&follow=true");
    assertThat(http.get("/api/v1/namespaces/default/pods/two/log?container=b").code())
        .isEqualTo(200);
  }

  @Test
  void logErrorsAreStatusesAsKubernetesWordsThem() {
    assertStatus(http.get("/api/v1/namespaces/default/pods/nosuch/log"), 404,
        "pods \\\"nosuch\\\" not found");
    assertStatus(http.get("/api/v1/namespaces/default/pods/unbound/log"), 400,
        "pod unbound does not have a host assigned");
    assertStatus(http.get("/api/v1/namespaces/default/pods/web/log?container=x"), 400,
        "container x is not valid for pod web");
    assertStatus(http.get("/api/v1/namespaces/default/pods/two/log"), 400,
        "a container name must be specified for pod two, choose one of: [a, b]");
    assertStatus(http.get("/api/v1/namespaces/default/pods/orphan/log"), 502,
        "the node agent of node down at 127.0.0.1:");
    assertStatus(http.get("/api/v1/namespaces/default/pods/lost/log"), 503,
        "node ghost of pod lost is not registered");
    assertStatus(http.get("/api/v1/namespaces/default/pods/faraway/log"), 503,
        "node noip has no InternalIP");
  }

  @Test
  void execWithoutWebSocketIsRefusedByNameAndChecksTheRequestFirst() {
    HttpRequest.Builder spdy = HttpRequest.newBuilder(URI.create(f.url()
        + "/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true"))
        .POST(HttpRequest.BodyPublishers.noBody());
    assertStatus(http.send(spdy), 400, "SPDY is not supported");
    assertStatus(http.send(HttpRequest.newBuilder(URI.create(f.url()
        + "/api/v1/namespaces/default/pods/web/exec?stdout=true"))
        .POST(HttpRequest.BodyPublishers.noBody())), 400, "at least 1 command");
    assertStatus(http.send(HttpRequest.newBuilder(URI.create(f.url()
        + "/api/v1/namespaces/default/pods/unbound/exec?command=true"))
        .POST(HttpRequest.BodyPublishers.noBody())), 400, "does not have a host assigned");
  }

  /** What kubectl prints when the pod's node agent cannot be reached, for logs and for exec. */
  @Test
  void kubectlSaysWhenTheNodeAgentIsUnreachable(@TempDir Path dir) {
    require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "needs kubectl");
    Kubectl kubectl = Kubectl.forServer(Kubectl.DEFAULT, f.url(), dir);
    var logs = kubectl.run("logs", "orphan");
    assertThat(logs.exit()).isNotZero();
    assertThat(logs.err()).contains("the node agent of node down at 127.0.0.1:")
        .contains("unreachable");
    var exec = kubectl.run("exec", "orphan", "--", "true");
    assertThat(exec.exit()).isNotZero();
    assertThat(exec.err()).contains("the node agent of node down at 127.0.0.1:")
        .contains("unreachable");
    var unbound = kubectl.run("exec", "unbound", "--", "true");
    assertThat(unbound.exit()).isNotZero();
    assertThat(unbound.err()).contains("pod unbound does not have a host assigned");
  }

  @Test
  void execMessagesAreRelayedBothWaysOverTheNegotiatedProtocol() throws Exception {
    URI u = URI.create(f.url());
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost(u.getHost())
            .setPort(u.getPort()).setURI("/api/v1/namespaces/default/pods/web/exec?command=cat"
                + "&stdin=true&stdout=true").setSubProtocols(List.of("v5.channel.k8s.io")))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(ws.subProtocol()).isEqualTo("v5.channel.k8s.io");
    List<Buffer> got = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    ws.binaryMessageHandler(got::add);
    ws.closeHandler(v -> closed.complete(null));
    ws.writeBinaryMessage(Buffer.buffer().appendByte((byte) 0).appendString("hi"));
    closed.get(10, TimeUnit.SECONDS);
    assertThat(got).hasSize(2);
    assertThat(got.get(0).getByte(0)).isEqualTo((byte) 1);
    assertThat(got.get(0).slice(1, got.get(0).length()).toString()).isEqualTo("hi");
    assertThat(got.get(1).getByte(0)).isEqualTo((byte) 3);
    assertThat(got.get(1).toString()).contains("NonZeroExitCode");
    assertThat(seenUris).anyMatch(s -> s.startsWith("/exec/default/web/c?command=cat"));
  }
}

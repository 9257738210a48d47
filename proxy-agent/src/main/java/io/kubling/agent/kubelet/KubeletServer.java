package io.kubling.agent.kubelet;

import static java.util.Objects.requireNonNull;

import io.kubling.agent.pod.ContainerFinder;
import io.kubling.agent.pod.ContainerHandle;
import io.kubling.agent.runtime.PodRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent's small kubelet API, which the API server proxies {@code kubectl logs} and
 * {@code kubectl exec} to, as kube-apiserver does with the kubelet's port 10250:
 * {@code GET /containerLogs/{ns}/{pod}/{container}} and
 * {@code GET /exec/{ns}/{pod}/{container}?command=...} upgraded to a WebSocket
 * (v5/v4.channel.k8s.io). Plain HTTP: kubling's nodes talk to the API server on a private
 * network or through a Unix socket.
 */
public final class KubeletServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubeletServer.class);

  private final Vertx vertx;
  private final HttpServer server;

  private KubeletServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /**
   * Listens on {@code host:port} (0 picks a port).
   *
   * @param finder the node's pod workers, once the agent has started (null before)
   * @param runtime the node's runtime, once the agent has started (null before)
   */
  public static KubeletServer start(String host, int port, Supplier<ContainerFinder> finder,
      Supplier<PodRuntime> runtime) throws Exception {
    requireNonNull(finder, "finder should not be null");
    requireNonNull(runtime, "runtime should not be null");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4));
    ContainerFinder starting = (namespace, pod, c) -> {
      ContainerFinder f = finder.get();
      return f == null ? Optional.empty() : f.container(namespace, pod, c);
    };
    ContainerLogs logs = new ContainerLogs(vertx, starting);
    Router r = Router.router(vertx);
    r.get("/healthz").handler(ctx -> ctx.response().end("ok"));
    r.get("/containerLogs/:namespace/:pod/:container").handler(logs::handle);
    r.route("/exec/:namespace/:pod/:container").handler(ctx -> exec(ctx, starting, runtime));
    r.route().last().handler(ctx -> KubeletStatus.notFound(ctx.response(),
        "the kubelet API has no " + ctx.request().path()));
    try {
      HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
              .setWebSocketSubProtocols(StreamProtocol.PROTOCOLS))
          .requestHandler(r).listen().toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      log.atInfo().addKeyValue("address", host + ":" + s.actualPort()).log("kubelet API ready");
      return new KubeletServer(vertx, s);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  public int port() {
    return server.actualPort();
  }

  private static void exec(RoutingContext ctx, ContainerFinder finder,
      Supplier<PodRuntime> runtime) {
    var q = ctx.queryParams();
    String ns = ctx.pathParam("namespace");
    String pod = ctx.pathParam("pod");
    String name = ctx.pathParam("container");
    List<String> command = q.getAll("command");
    if (!ctx.request().canUpgradeToWebSocket()) {
      KubeletStatus.badRequest(ctx.response(), "exec needs a WebSocket upgrade with "
          + StreamProtocol.V5 + " or " + StreamProtocol.V4 + "; SPDY is not supported by kubling");
      return;
    }
    if (command.isEmpty()) {
      KubeletStatus.badRequest(ctx.response(), "you must specify at least 1 command");
      return;
    }
    Optional<ContainerHandle> h = finder.container(ns, pod, name);
    if (h.isEmpty() || !h.get().running() || h.get().sandbox() == null) {
      KubeletStatus.badRequest(ctx.response(), h.isEmpty()
          ? "container \"" + name + "\" in pod \"" + pod
              + "\" is waiting to start: ContainerCreating"
          : "container \"" + name + "\" in pod \"" + pod + "\" is not running");
      return;
    }
    boolean tty = "true".equals(q.get("tty"));
    boolean stdin = "true".equals(q.get("stdin")) || "true".equals(q.get("input"));
    Process p;
    try {
      p = runtime.get().execStream(h.get().sandbox(), h.get().launch(), command, tty);
    } catch (IOException e) {
      KubeletStatus.fail(ctx.response(), 500, "InternalError", e.getMessage());
      return;
    }
    ctx.request().toWebSocket()
        .onSuccess(ws -> new ExecSession(ws, p, command).start(stdin, tty))
        .onFailure(t -> {
          log.atWarn().addKeyValue("pod", ns + "/" + pod).setCause(t)
              .log("exec WebSocket upgrade failed");
          p.destroyForcibly();
          KubeletStatus.badRequest(ctx.response(), "WebSocket upgrade failed: " + t.getMessage());
        });
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    } finally {
      vertx.close();
    }
  }
}

package io.kubling.component.server;

import static java.util.Objects.requireNonNull;

import io.kubling.component.metrics.MetricFamily;
import io.kubling.component.metrics.MetricsSource;
import io.kubling.component.metrics.PrometheusText;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's small HTTP server: /healthz (200 "ok", or 503 naming the failed checks) and
 * /metrics (Prometheus text from the registered sources). Checks and sources may be added
 * after start, since controllers often begin only once leadership is won.
 */
public final class ComponentServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ComponentServer.class);

  private final String bindAddress;
  private final int requestedPort;
  private final Map<String, BooleanSupplier> checks = new ConcurrentSkipListMap<>();
  private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private HttpServer server;

  public ComponentServer(String bindAddress, int port) {
    this.bindAddress = requireNonNull(bindAddress, "bindAddress should not be null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    this.requestedPort = port;
  }

  /** Adds a named health check; /healthz fails while any check returns false. */
  public ComponentServer healthCheck(String name, BooleanSupplier check) {
    checks.put(requireNonNull(name, "name should not be null"),
        requireNonNull(check, "check should not be null"));
    return this;
  }

  public ComponentServer metrics(MetricsSource source) {
    sources.add(requireNonNull(source, "source should not be null"));
    return this;
  }

  /** Listens, blocking until the port is bound; fails naming the address when it cannot. */
  public synchronized ComponentServer start() {
    if (vertx != null) {
      throw new IllegalStateException("component server already started");
    }
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/healthz").handler(this::healthz);
    router.get("/metrics").handler(this::metrics);
    try {
      server = vertx.createHttpServer().requestHandler(router)
          .listen(requestedPort, bindAddress)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot listen on " + bindAddress + ":" + requestedPort, e);
    }
    return this;
  }

  /** The port bound, useful when 0 asked for a free one. */
  public synchronized int port() {
    return server != null ? server.actualPort() : requestedPort;
  }

  private void healthz(RoutingContext ctx) {
    StringBuilder failed = new StringBuilder();
    // Checks only read flags, so running them on the event loop is fine.
    checks.forEach((name, check) -> {
      if (!check.getAsBoolean()) {
        failed.append("[-]").append(name).append(" failed\n");
      }
    });
    if (failed.length() == 0) {
      ctx.response().putHeader("content-type", "text/plain; charset=utf-8").end("ok");
    } else {
      ctx.response().setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
          .end(failed.append("healthz check failed\n").toString());
    }
  }

  private void metrics(RoutingContext ctx) {
    List<MetricFamily> families = new ArrayList<>();
    sources.forEach(s -> families.addAll(s.collect()));
    ctx.response().putHeader("content-type", PrometheusText.CONTENT_TYPE)
        .end(PrometheusText.render(families));
  }

  @Override
  public synchronized void close() {
    if (vertx == null) {
      return;
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing at shutdown: nothing to do about a slow close but say so and move on.
      log.atWarn().addKeyValue("error", e.toString()).log("component server did not close cleanly");
    } finally {
      vertx = null;
      server = null;
    }
  }
}

package io.kubling.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plain HTTP/1.1 to the API server over a pool of keep-alive connections (Vert.x client).
 *
 * <p>Every request is issued from one event-loop context: Vert.x 5.0.7's client can drop a
 * response's end when {@code body()} is called on another thread than the one reading the
 * connection (eclipse-vertx/vert.x#6038), which shows up as a request that never completes.
 */
final class ApiClient implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final Context context = vertx.getOrCreateContext();
  private final HttpClientAgent client;
  private final String host;
  private final int port;

  ApiClient(String url, int connections) {
    URI u = URI.create(url);
    host = u.getHost();
    port = u.getPort();
    client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  /** POSTs JSON; completes with the body of a 201, fails otherwise. */
  CompletableFuture<Buffer> post(String path, byte[] json) {
    return send(HttpMethod.POST, path, Buffer.buffer(json), 201);
  }

  /** GETs; completes with the body of a 200, fails otherwise. */
  CompletableFuture<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null, 200);
  }

  private CompletableFuture<Buffer> send(HttpMethod method, String path, Buffer body,
      int expected) {
    RequestOptions opts = new RequestOptions().setMethod(method).setHost(host).setPort(port)
        .setURI(path).setIdleTimeout(30_000).putHeader("Accept", "application/json");
    if (body != null) {
      opts.putHeader("Content-Type", "application/json");
    }
    Promise<Buffer> done = Promise.promise();
    context.runOnContext(v -> client.request(opts)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().compose(b -> resp.statusCode() == expected
            ? Future.succeededFuture(b)
            : Future.failedFuture("HTTP " + resp.statusCode() + ": " + b)))
        .onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture();
  }

  @Override
  public void close() {
    try {
      client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("bench: HTTP client did not close cleanly: " + e);
    }
  }
}

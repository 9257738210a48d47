package io.kubling.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
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

  /**
   * GETs and reads a 200 body as it streams in without keeping it: completes with its size
   * and its last byte, so a large LIST is timed to its last byte without aggregating 2 MB
   * per request in this JVM (which the server under test shares). Fails otherwise.
   */
  CompletableFuture<Streamed> stream(String path) {
    RequestOptions opts = new RequestOptions().setMethod(HttpMethod.GET).setHost(host)
        .setPort(port).setURI(path).setIdleTimeout(30_000)
        .putHeader("Accept", "application/json");
    Promise<Streamed> done = Promise.promise();
    context.runOnContext(v -> client.request(opts)
        .compose(HttpClientRequest::send)
        .compose(resp -> {
          if (resp.statusCode() != 200) {
            return resp.body().compose(b -> Future.<Streamed>failedFuture(
                "HTTP " + resp.statusCode() + ": " + b));
          }
          // Set on this context in the callback that delivers the response, before any
          // chunk: see the class comment.
          Promise<Streamed> body = Promise.promise();
          long[] size = {0};
          byte[] last = {0};
          resp.handler(chunk -> {
            size[0] += chunk.length();
            if (chunk.length() > 0) {
              last[0] = chunk.getByte(chunk.length() - 1);
            }
          });
          resp.exceptionHandler(body::tryFail);
          resp.endHandler(x -> body.tryComplete(new Streamed(size[0], last[0])));
          return body.future();
        })
        .onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture();
  }

  /** What {@link #stream} read: the body's size and its last byte. */
  record Streamed(long bytes, byte lastByte) {}

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

package io.kubling.apiserver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Vert.x HTTPS client for tests that need to see the negotiated HTTP version. */
final class VertxHttps implements AutoCloseable {
  record Response(int code, HttpVersion version, String body) {}

  // One event loop: the connection and the context that reads it share a thread.
  private final Vertx vertx =
      Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
  /**
   * Every request is issued from this one event-loop context: called from the test thread,
   * Vert.x 5.0.7's client can deliver a response on another thread than the one reading the
   * connection and lose its end (eclipse-vertx/vert.x#6038; see bench's ApiClient), which
   * showed here as a request that never completed.
   */
  private final io.vertx.core.Context context = vertx.getOrCreateContext();
  private final HttpClientAgent client;
  private final URI base;

  /** cert: a client certificate to show, or null; version: what ALPN offers first. */
  VertxHttps(SecureApiServer api, TestPki.Issued cert, HttpVersion version) {
    base = URI.create(api.url());
    HttpClientOptions o = new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(version)
        .setAlpnVersions(version == HttpVersion.HTTP_2
            ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1) : List.of(HttpVersion.HTTP_1_1))
        .setTrustOptions(new PemTrustOptions().addCertPath(api.caFile.toString()))
        .setVerifyHost(true);
    if (cert != null) {
      Path[] files = cert.write(api.dir, "vertx-" + cert.cert().getSerialNumber());
      o.setKeyCertOptions(new PemKeyCertOptions().setCertPath(files[0].toString())
          .setKeyPath(files[1].toString()));
    }
    client = vertx.createHttpClient(o);
  }

  Response get(String path, Map<String, String> headers) throws Exception {
    return send(HttpMethod.GET, path, headers, null);
  }

  Response post(String path, String json, Map<String, String> headers) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Content-Type", "application/json");
    return send(HttpMethod.POST, path, all, json);
  }

  private Response send(HttpMethod method, String path, Map<String, String> headers,
      String body) throws Exception {
    RequestOptions ro = new RequestOptions().setMethod(method).setHost(base.getHost())
        .setPort(base.getPort()).setURI(path);
    headers.forEach(ro::putHeader);
    java.util.concurrent.CompletableFuture<Response> done =
        new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> client.request(ro)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.version(),
            b.toString())))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            done.complete(ar.result());
          } else {
            done.completeExceptionally(ar.cause());
          }
        }));
    return done.get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a test client
    }
  }
}

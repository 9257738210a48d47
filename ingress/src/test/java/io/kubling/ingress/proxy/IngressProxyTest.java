package io.kubling.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.ingress.route.Backend;
import io.kubling.ingress.route.IngressPath;
import io.kubling.ingress.route.PathType;
import io.kubling.ingress.route.RouteTable;
import io.kubling.ingress.snapshot.Endpoint;
import io.kubling.ingress.snapshot.IngressSnapshot;
import io.kubling.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy on loopback with a hand-made snapshot and real Vert.x backends: forwarded
 * headers, retry on a refused connection, streamed bodies, WebSocket upgrade, 404/503, and a
 * snapshot swap under a request in flight.
 */
class IngressProxyTest {
  static Vertx vertx;
  static IngressProxy proxy;
  static int echoPort;
  static int slowPort;
  static volatile CompletableFuture<Void> slowReached = new CompletableFuture<>();
  static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  static final Backend ECHO = new Backend("default", "echo", 80, "");
  static final Backend DEAD_FIRST = new Backend("default", "dead-first", 80, "");
  static final Backend EMPTY = new Backend("default", "empty", 80, "");
  static final Backend SLOW = new Backend("default", "slow", 80, "");
  static final Backend COUNTED = new Backend("default", "counted", 80, "");
  static final Backend CLOSING = new Backend("default", "closing", 80, "");
  static int countedPort;
  static int closingPort;
  static final AtomicInteger countedConnections = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    HttpServer echo = vertx.createHttpServer().webSocketHandler(ws ->
        ws.textMessageHandler(m -> ws.writeTextMessage("echo: " + m))).requestHandler(req -> {
          if (req.path().equals("/upload")) {
            req.body().onSuccess(b -> req.response().end("got " + b.length() + " bytes, sum "
                + sum(b)));
            return;
          }
          StringBuilder s = new StringBuilder("echo " + req.path());
          for (String h : List.of("Host", "X-Forwarded-For", "X-Forwarded-Proto",
              "X-Forwarded-Host")) {
            s.append("\n").append(h).append(": ").append(req.getHeader(h));
          }
          req.response().end(s.toString());
        });
    echoPort = echo.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).actualPort();
    HttpServer slow = vertx.createHttpServer().requestHandler(req -> {
      slowReached.complete(null);
      vertx.setTimer(1500, t -> req.response().end("slow done"));
    });
    slowPort = slow.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).actualPort();
    // Counts the connections the proxy opens to it, and closes any left idle for 300 ms.
    HttpServer counted = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(300)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectionHandler(c -> countedConnections.incrementAndGet())
        .requestHandler(req -> {
          if (req.path().equals("/teapot")) {
            req.response().setStatusCode(418).setStatusMessage("Brewing Now").end();
            return;
          }
          req.response().end("counted " + req.path());
        });
    countedPort = counted.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).actualPort();
    // Answers with Connection: close, so no connection to it may be used twice.
    HttpServer closing = vertx.createHttpServer().requestHandler(req ->
        req.response().putHeader("Connection", "close").end("closing " + req.path()));
    closingPort = closing.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).actualPort();
    proxy = new IngressProxy("127.0.0.1", 0).listenHttp(0);
    proxy.update(snapshot(SLOW));
  }

  static IngressSnapshot snapshot(Backend slowGoesTo) {
    int dead = FreePorts.next(); // nothing listens there: connections are refused
    RouteTable routes = RouteTable.build(List.of(
        new IngressPath("shop.example", "/", PathType.PREFIX, ECHO, 0),
        new IngressPath("retry.example", "/", PathType.PREFIX, DEAD_FIRST, 0),
        new IngressPath("empty.example", "/", PathType.PREFIX, EMPTY, 0),
        new IngressPath("slow.example", "/", PathType.PREFIX, slowGoesTo, 0),
        new IngressPath("counted.example", "/", PathType.PREFIX, COUNTED, 0),
        new IngressPath("closing.example", "/", PathType.PREFIX, CLOSING, 0),
        new IngressPath("", "/ws", PathType.PREFIX, ECHO, 0)), null);
    return new IngressSnapshot(routes, Map.of(
        ECHO, List.of(new Endpoint("127.0.0.1", echoPort)),
        DEAD_FIRST, List.of(new Endpoint("127.0.0.1", dead), new Endpoint("127.0.0.1", echoPort)),
        SLOW, List.of(new Endpoint("127.0.0.1", slowPort)),
        COUNTED, List.of(new Endpoint("127.0.0.1", countedPort)),
        CLOSING, List.of(new Endpoint("127.0.0.1", closingPort))), List.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  record Answer(int statusCode, String body) {}

  /** A request to the proxy on loopback with this Host header (Vert.x: java.net.http forbids it). */
  static Answer send(String host, String method, String path, Buffer body) throws Exception {
    io.vertx.core.http.HttpClient c = vertx.createHttpClient();
    try {
      return c.request(new RequestOptions().setMethod(HttpMethod.valueOf(method))
          .setHost("127.0.0.1").setPort(proxy.httpPort()).setURI(path)).compose(req -> {
            req.authority(HostAndPort.create(host, -1));
            if (body == null) {
              return req.send();
            }
            req.setChunked(true); // no length up front: the proxy must stream it
            for (int off = 0; off < body.length(); off += 65536) {
              req.write(body.slice(off, Math.min(body.length(), off + 65536)));
            }
            return req.end().compose(v -> req.response());
          }).compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString())))
          .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } finally {
      c.close();
    }
  }

  static Answer getVia(String host, String path) throws Exception {
    return send(host, "GET", path, null);
  }

  @Test
  void forwardsHostAndXForwardedHeaders() throws Exception {
    Answer r = getVia("shop.example", "/a/b?q=1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("""
        echo /a/b
        Host: shop.example
        X-Forwarded-For: 127.0.0.1
        X-Forwarded-Proto: http
        X-Forwarded-Host: shop.example""");
  }

  @Test
  void aRefusedConnectionIsRetriedOnTheNextEndpoint() throws Exception {
    for (int i = 0; i < 6; i++) { // round robin starts on the dead endpoint every other time
      Answer r = getVia("retry.example", "/r" + i);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("echo /r" + i);
    }
  }

  @Test
  void notFoundAndNoReadyEndpoints() throws Exception {
    assertThat(getVia("nobody.example", "/").statusCode()).isEqualTo(404);
    Answer r = getVia("empty.example", "/");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("no ready endpoints for default/empty:80");
  }

  @Test
  void requestBodiesStreamThrough() throws Exception {
    byte[] body = new byte[8 << 20];
    new Random(7).nextBytes(body);
    Answer r = send("shop.example", "POST", "/upload", Buffer.buffer(body));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("got " + body.length + " bytes, sum "
        + sum(Buffer.buffer(body)));
  }

  @Test
  void webSocketUpgradeIsTunnelled() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
        + proxy.httpPort() + "/ws"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            reply.complete(data.toString());
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    ws.sendText("hello", true);
    assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo: hello");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSnapshotSwapDoesNotDropTheRequestInFlight() throws Exception {
    slowReached = new CompletableFuture<>();
    CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> {
      try {
        return getVia("slow.example", "/");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    slowReached.get(10, TimeUnit.SECONDS); // routed and at the backend, answer still pending
    proxy.update(snapshot(EMPTY)); // slow.example now has no endpoints at all
    try {
      assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow done");
      assertThat(getVia("slow.example", "/").statusCode()).isEqualTo(503);
    } finally {
      proxy.update(snapshot(SLOW));
    }
  }

  @Test
  void connectionsToAnEndpointAreKeptAliveAndDroppedWhenItClosesThem() throws Exception {
    countedConnections.set(0);
    for (int i = 0; i < 20; i++) {
      assertThat(getVia("counted.example", "/k" + i).body()).isEqualTo("counted /k" + i);
    }
    // Each request comes on a new client connection, which may land on any event loop; each
    // loop keeps its own connections to the endpoint.
    assertThat(countedConnections.get()).isBetween(1,
        Runtime.getRuntime().availableProcessors());
    // The endpoint closes them after 300 ms idle: the proxy must not send on a dead one.
    Thread.sleep(800);
    for (int i = 0; i < 5; i++) {
      assertThat(getVia("counted.example", "/after" + i).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theEndpointsOwnReasonPhraseAndStandardOnesPassThrough() throws Exception {
    io.vertx.core.http.HttpClient c = vertx.createHttpClient();
    try {
      for (String path : List.of("/teapot", "/plain")) {
        String line = c.request(new RequestOptions().setHost("127.0.0.1")
            .setPort(proxy.httpPort()).setURI(path)).compose(req -> {
              req.authority(HostAndPort.create("counted.example", -1));
              return req.send();
            }).compose(resp -> resp.body().map(b -> resp.statusCode() + " "
                + resp.statusMessage())).toCompletionStage().toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
        assertThat(line).isEqualTo(path.equals("/teapot") ? "418 Brewing Now" : "200 OK");
      }
    } finally {
      c.close();
    }
  }

  @Test
  void anEndpointAnsweringConnectionCloseIsNotReused() throws Exception {
    for (int i = 0; i < 10; i++) {
      Answer r = getVia("closing.example", "/c" + i);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("closing /c" + i);
    }
  }

  static long sum(Buffer b) {
    long s = 0;
    for (int i = 0; i < b.length(); i++) {
      s = s * 31 + b.getByte(i);
    }
    return s;
  }
}

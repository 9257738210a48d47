package io.kubling.ingress.proxy;

import io.kubling.ingress.route.Backend;
import io.kubling.ingress.snapshot.Endpoint;
import io.kubling.ingress.snapshot.IngressSnapshot;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request: route it on the current snapshot (404 when nothing matches, 503 when the
 * backend has no ready endpoint), then forward it to a ready endpoint picked round robin,
 * trying the next one when a connection cannot be made. Bodies stream both ways; a WebSocket
 * (any HTTP/1.1 Upgrade) becomes a tunnel once the endpoint answers 101.
 */
final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
  static final int MAX_ATTEMPTS = 3;
  private static final String X_FORWARDED_FOR = "X-Forwarded-For";
  private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

  private final Supplier<IngressSnapshot> snapshot;
  private final EndpointConnections connections;
  private final RoundRobin roundRobin;
  // One Forwarder serves one event loop, so these need no locking: the endpoints' socket
  // addresses for the snapshot they were made from, instead of one new address per request.
  private IngressSnapshot addressesOf;
  private final Map<Endpoint, SocketAddress> addresses = new HashMap<>();

  Forwarder(Supplier<IngressSnapshot> snapshot, EndpointConnections connections,
      RoundRobin roundRobin) {
    this.snapshot = snapshot;
    this.connections = connections;
    this.roundRobin = roundRobin;
  }

  void handle(HttpServerRequest req, boolean tls) {
    IngressSnapshot s = snapshot.get();
    HostAndPort authority = req.authority();
    String host = authority != null ? authority.host() : req.getHeader(HttpHeaders.HOST);
    Optional<Backend> backend = s.routes().match(host, req.path());
    if (backend.isEmpty()) {
      plain(req.response(), 404, "default backend - 404");
      return;
    }
    List<Endpoint> endpoints = s.endpointsOf(backend.get());
    if (endpoints.isEmpty()) {
      plain(req.response(), 503, "503 Service Temporarily Unavailable: no ready endpoints for "
          + backend.get());
      return;
    }
    if (s != addressesOf) {
      addresses.clear();
      addressesOf = s;
    }
    new Exchange(req, tls, endpoints, roundRobin.start(backend.get(), endpoints.size()))
        .attempt();
  }

  private SocketAddress address(Endpoint ep) {
    SocketAddress a = addresses.get(ep);
    if (a == null) {
      a = SocketAddress.inetSocketAddress(ep.port(), ep.ip());
      addresses.put(ep, a);
    }
    return a;
  }

  /**
   * One request on its way to an endpoint; it is also the callback of each attempt. The
   * connection goes back to the pool once both the request and the response are through.
   */
  private final class Exchange implements Handler<AsyncResult<HttpClientRequest>> {
    final HttpServerRequest req;
    final boolean tls;
    final List<Endpoint> endpoints;
    final int start;
    final String length;
    final boolean chunked;
    final boolean upgrade;
    // A request with a body (or an upgrade) is paused until an endpoint is connected, so
    // nothing is read before it can be forwarded; one without has nothing to hold back, and
    // pausing it would cost a queue per request.
    final boolean paused;
    int tried;
    Endpoint ep;
    EndpointConnections.Connection conn;
    boolean reused;
    boolean requestDone;
    boolean responseDone;
    boolean reusable;
    long keepAliveMillis = -1;
    Buffer body; // a small response's body so far

    Exchange(HttpServerRequest req, boolean tls, List<Endpoint> endpoints, int start) {
      this.req = req;
      this.tls = tls;
      this.endpoints = endpoints;
      this.start = start;
      this.length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
      this.chunked = length == null
          && req.headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true);
      this.upgrade = isUpgrade(req);
      this.paused = length != null || chunked || upgrade;
      if (paused) {
        req.pause();
      }
    }

    void attempt() {
      ep = endpoints.get((start + tried) % endpoints.size());
      SocketAddress address = address(ep);
      EndpointConnections.Connection idle = connections.idle(address);
      if (idle != null) {
        send(idle, true);
      } else {
        connect(address);
      }
    }

    private void connect(SocketAddress address) {
      connections.open(address).onComplete(ar -> {
        if (ar.succeeded()) {
          send(ar.result(), false);
        } else {
          connectFailed(ar.cause());
        }
      });
    }

    private void send(EndpointConnections.Connection c, boolean idle) {
      conn = c;
      reused = idle;
      c.http.request(new RequestOptions().setMethod(req.method()).setURI(req.uri()))
          .onComplete(this);
    }

    private void connectFailed(Throwable cause) {
      if (tried + 1 < Math.min(MAX_ATTEMPTS, endpoints.size())) {
        log.atDebug().addKeyValue("endpoint", ep).addKeyValue("error", cause.toString())
            .log("connect failed, trying the next endpoint");
        tried++;
        attempt();
      } else {
        resume();
        plain(req.response(), 502, "502 Bad Gateway: " + cause.getMessage());
      }
    }

    @Override
    public void handle(AsyncResult<HttpClientRequest> ar) {
      if (ar.failed()) {
        connections.release(conn, false, -1);
        if (reused) {
          // The idle connection went away before the request could start on it: nothing
          // was sent, so a new connection to the same endpoint gets the request.
          connect(conn.endpoint);
        } else {
          connectFailed(ar.cause());
        }
        return;
      }
      HttpClientRequest out = ar.result();
      headers(req, out.headers(), tls);
      HostAndPort authority = req.authority();
      if (authority != null) {
        out.authority(authority); // the Host the client asked for, not the pod's address
      }
      if (upgrade) {
        upgrade(out);
      } else {
        forward(out);
      }
    }

    private void forward(HttpClientRequest out) {
      out.response().onComplete(in -> {
        if (in.succeeded()) {
          relay(in.result());
        } else {
          failed(in.cause());
        }
      });
      if (length != null) {
        out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        pipeBody(out);
      } else if (chunked) {
        out.setChunked(true);
        pipeBody(out);
      } else {
        out.end();
        requestDone = true;
      }
    }

    private void pipeBody(HttpClientRequest out) {
      req.pipeTo(out).onComplete(ar -> {
        if (ar.succeeded()) {
          requestDone = true;
          done();
        } else {
          connections.release(conn, false, -1);
        }
      });
    }

    /** The endpoint's answer to the client: status, end-to-end headers, streamed body. */
    private void relay(HttpClientResponse in) {
      HttpServerResponse resp = req.response();
      int status = in.statusCode();
      String message = in.statusMessage();
      resp.setStatusCode(status);
      // Only a reason phrase of the endpoint's own is set: a standard one is already there,
      // and setting it anyway makes Vert.x build and encode a new status line per response.
      if (message != null && !message.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
        resp.setStatusMessage(message);
      }
      MultiMap headers = in.headers();
      HopByHop.copy(headers, resp.headers());
      reusable = !upgrade && keepsAlive(in);
      if (reusable) {
        String keepAlive = headers.get(HttpHeaders.KEEP_ALIVE);
        keepAliveMillis = keepAlive == null ? -1 : keepAliveTimeoutMillis(keepAlive);
      }
      String contentLength = resp.headers().get(HttpHeaders.CONTENT_LENGTH);
      if (contentLength == null) {
        resp.setChunked(true);
      } else if (contentLength.length() <= 4) {
        // Under 10 kB: one write of the whole body is cheaper than a pipe, and as prompt. The
        // chunks are gathered here rather than by body(), which copies even a body that came
        // in one chunk into a buffer of its own and answers through a future.
        in.handler(this::bodyChunk);
        in.exceptionHandler(this::bodyFailed);
        in.endHandler(this::bodyEnded);
        return;
      }
      in.pipeTo(resp).onComplete(ar -> {
        if (ar.succeeded()) {
          responseDone = true;
          done();
        } else {
          if (!resp.ended()) {
            resp.reset();
          }
          connections.release(conn, false, -1);
        }
      });
    }

    private void bodyChunk(Buffer chunk) {
      body = body == null ? chunk : body.appendBuffer(chunk);
    }

    private void bodyEnded(Void v) {
      HttpServerResponse resp = req.response();
      if (body == null) {
        resp.end();
      } else {
        resp.end(body);
      }
      body = null;
      responseDone = true;
      done();
    }

    private void bodyFailed(Throwable e) {
      body = null;
      req.response().reset();
      connections.release(conn, false, -1);
    }

    private void failed(Throwable e) {
      connections.release(conn, false, -1);
      fail(req.response(), e);
    }

    private void done() {
      if (requestDone && responseDone) {
        connections.release(conn, reusable, keepAliveMillis);
      }
    }

    /** Upgrade: send the request, and once the endpoint answers 101, splice the sockets. */
    private void upgrade(HttpClientRequest out) {
      out.putHeader(HttpHeaders.CONNECTION, "Upgrade");
      out.putHeader(HttpHeaders.UPGRADE, req.getHeader(HttpHeaders.UPGRADE));
      requestDone = true;
      out.connect().onComplete(ar -> {
        if (ar.failed()) {
          req.resume();
          failed(ar.cause());
          return;
        }
        HttpClientResponse in = ar.result();
        if (in.statusCode() != 101) {
          req.resume();
          relay(in); // not kept: the endpoint was asked to switch protocols
          return;
        }
        HttpServerResponse resp = req.response();
        resp.setStatusCode(101);
        in.headers().forEach(e -> resp.headers().add(e.getKey(), e.getValue()));
        Future<NetSocket> clientSide = req.toNetSocket();
        clientSide.onSuccess(front -> {
          NetSocket back = in.netSocket();
          front.pipeTo(back);
          back.pipeTo(front);
        }).onFailure(e -> in.netSocket().close());
      });
    }

    private void resume() {
      if (paused) {
        req.resume();
      }
    }
  }

  /** Whether the endpoint keeps the connection open after this response (RFC 9112 §9.3). */
  static boolean keepsAlive(HttpClientResponse in) {
    String connection = in.getHeader(HttpHeaders.CONNECTION);
    if (connection != null && HopByHop.names(connection, "close")) {
      return false;
    }
    return in.version() != HttpVersion.HTTP_1_0
        || (connection != null && HopByHop.names(connection, "keep-alive"));
  }

  /**
   * The timeout=N of a Keep-Alive header in milliseconds, half a second short so that the
   * proxy lets go before the endpoint does; -1 when it names none.
   */
  static long keepAliveTimeoutMillis(String keepAlive) {
    for (String param : keepAlive.split(",")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
        try {
          return Math.max(0, Long.parseLong(p.substring(8).trim()) * 1000 - 500);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  /**
   * The request's headers for the endpoint, copied in one pass: hop-by-hop ones left out, Host
   * carried by the request's authority instead, and the X-Forwarded-* set here in place of any
   * the client sent (its X-Forwarded-For is extended with its own address).
   */
  private static void headers(HttpServerRequest req, MultiMap to, boolean tls) {
    MultiMap from = req.headers();
    List<String> listed = HopByHop.listedIn(from.get(HttpHeaders.CONNECTION));
    from.forEach((name, value) -> {
      if (HopByHop.forwarded(name, listed) && !setHere(name)) {
        to.add(name, value);
      }
    });
    SocketAddress remote = req.remoteAddress();
    String peer = remote == null ? null : remote.hostAddress();
    String prior = from.get(X_FORWARDED_FOR);
    if (peer != null || prior != null) {
      to.add(X_FORWARDED_FOR, prior == null ? peer : peer == null ? prior : prior + ", " + peer);
    }
    to.add(X_FORWARDED_PROTO, tls ? "https" : "http");
    String host = from.get(HttpHeaders.HOST);
    if (host != null) {
      to.add(X_FORWARDED_HOST, host);
    }
  }

  private static boolean setHere(String name) {
    return switch (name.length()) {
      case 4 -> name.equalsIgnoreCase("host");
      case 15 -> name.equalsIgnoreCase(X_FORWARDED_FOR);
      case 16 -> name.equalsIgnoreCase(X_FORWARDED_HOST);
      case 17 -> name.equalsIgnoreCase(X_FORWARDED_PROTO);
      default -> false;
    };
  }

  private static boolean isUpgrade(HttpServerRequest req) {
    if (req.method() != HttpMethod.GET || req.getHeader(HttpHeaders.UPGRADE) == null) {
      return false;
    }
    String connection = req.getHeader(HttpHeaders.CONNECTION);
    return connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
  }

  private static void fail(HttpServerResponse resp, Throwable e) {
    if (resp.headWritten()) {
      resp.reset();
    } else {
      plain(resp, 502, "502 Bad Gateway: " + e.getMessage());
    }
  }

  private static void plain(HttpServerResponse resp, int status, String body) {
    resp.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(body + "\n");
  }
}

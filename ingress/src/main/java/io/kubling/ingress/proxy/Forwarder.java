package io.kubling.ingress.proxy;

import io.kubling.ingress.route.Backend;
import io.kubling.ingress.snapshot.Endpoint;
import io.kubling.ingress.snapshot.IngressSnapshot;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.Locale;
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

  private final Supplier<IngressSnapshot> snapshot;
  private final HttpClient client;
  private final RoundRobin roundRobin;

  Forwarder(Supplier<IngressSnapshot> snapshot, HttpClient client, RoundRobin roundRobin) {
    this.snapshot = snapshot;
    this.client = client;
    this.roundRobin = roundRobin;
  }

  void handle(HttpServerRequest req, boolean tls) {
    IngressSnapshot s = snapshot.get();
    String host = req.authority() != null ? req.authority().host() : req.getHeader("host");
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
    req.pause(); // nothing of the body is read until an endpoint is connected
    int start = roundRobin.start(backend.get(), endpoints.size());
    attempt(req, tls, endpoints, start, 0);
  }

  private void attempt(HttpServerRequest req, boolean tls, List<Endpoint> endpoints, int start,
      int tried) {
    Endpoint ep = endpoints.get((start + tried) % endpoints.size());
    RequestOptions options = new RequestOptions().setMethod(req.method()).setHost(ep.ip())
        .setPort(ep.port()).setURI(req.uri());
    client.request(options).onComplete(ar -> {
      if (ar.failed()) {
        if (tried + 1 < Math.min(MAX_ATTEMPTS, endpoints.size())) {
          log.atDebug().addKeyValue("endpoint", ep).addKeyValue("error", ar.cause().toString())
              .log("connect failed, trying the next endpoint");
          attempt(req, tls, endpoints, start, tried + 1);
        } else {
          req.resume();
          plain(req.response(), 502, "502 Bad Gateway: " + ar.cause().getMessage());
        }
        return;
      }
      HttpClientRequest out = ar.result();
      headers(req, out.headers(), tls);
      if (req.authority() != null) {
        out.authority(req.authority()); // the Host the client asked for, not the pod's address
      }
      if (isUpgrade(req)) {
        upgrade(req, out);
      } else {
        forward(req, out);
      }
    });
  }

  private static void forward(HttpServerRequest req, HttpClientRequest out) {
    HttpServerResponse resp = req.response();
    out.response().onSuccess(in -> relayResponse(in, resp)).onFailure(e -> fail(resp, e));
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else if (req.headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)) {
      out.setChunked(true);
    }
    if (length == null && !out.isChunked()) {
      req.resume();
      out.end();
    } else {
      req.pipeTo(out);
    }
  }

  private static void relayResponse(HttpClientResponse in, HttpServerResponse resp) {
    resp.setStatusCode(in.statusCode()).setStatusMessage(in.statusMessage());
    HopByHop.copy(in.headers(), resp.headers());
    String length = resp.headers().get(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      resp.setChunked(true);
    } else if (length.length() <= 4) {
      // Under 10 kB: one write of the whole body is cheaper than a pipe, and as prompt.
      in.body().onSuccess(resp::end).onFailure(e -> resp.reset());
      return;
    }
    in.pipeTo(resp).onFailure(e -> {
      if (!resp.ended()) {
        resp.reset();
      }
    });
  }

  /** Upgrade: send the request, and once the endpoint answers 101, splice the two sockets. */
  private static void upgrade(HttpServerRequest req, HttpClientRequest out) {
    out.putHeader(HttpHeaders.CONNECTION, "Upgrade");
    out.putHeader(HttpHeaders.UPGRADE, req.getHeader(HttpHeaders.UPGRADE));
    out.connect().onComplete(ar -> {
      if (ar.failed()) {
        req.resume();
        fail(req.response(), ar.cause());
        return;
      }
      HttpClientResponse in = ar.result();
      if (in.statusCode() != 101) {
        req.resume();
        relayResponse(in, req.response());
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

  private static void headers(HttpServerRequest req, MultiMap to, boolean tls) {
    HopByHop.copy(req.headers(), to);
    to.remove(HttpHeaders.HOST);
    String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    String prior = req.getHeader("X-Forwarded-For");
    if (peer != null) {
      to.set("X-Forwarded-For", prior == null ? peer : prior + ", " + peer);
    }
    to.set("X-Forwarded-Proto", tls ? "https" : "http");
    String host = req.getHeader(HttpHeaders.HOST);
    if (host != null) {
      to.set("X-Forwarded-Host", host);
    }
  }

  private static boolean isUpgrade(HttpServerRequest req) {
    String connection = req.getHeader(HttpHeaders.CONNECTION);
    return req.method() == HttpMethod.GET && req.getHeader(HttpHeaders.UPGRADE) != null
        && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
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

package io.kubling.ingress.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to endpoints, for one event loop: an idle connection is reused
 * newest first, one that closes is forgotten as Vert.x reports it, and one idle past its
 * keep-alive is closed. Each event loop has its own and only that loop touches it, so nothing
 * is locked. It takes the place of the HttpClient's shared pool on the hot path: that pool
 * builds a new context, goes through a lock-free combiner and chains several futures for
 * every request, about a tenth of the proxy's CPU per request.
 */
final class EndpointConnections {
  /** One connection and what the pool knows of it. */
  static final class Connection {
    final HttpClientConnection http;
    final SocketAddress endpoint;
    boolean closed;
    boolean idle;
    long idleUntilNanos;

    Connection(HttpClientConnection http, SocketAddress endpoint) {
      this.http = http;
      this.endpoint = endpoint;
    }
  }

  private final HttpClientAgent client;
  private final long connectTimeoutMillis;
  private final long keepAliveNanos;
  private final int maxIdlePerEndpoint;
  private final Map<SocketAddress, ArrayDeque<Connection>> idle = new HashMap<>();

  EndpointConnections(HttpClientAgent client, long connectTimeoutMillis, long keepAliveMillis,
      int maxIdlePerEndpoint) {
    this.client = client;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(keepAliveMillis);
    this.maxIdlePerEndpoint = maxIdlePerEndpoint;
  }

  /** An idle connection to this endpoint, the newest first; null when there is none. */
  Connection idle(SocketAddress endpoint) {
    ArrayDeque<Connection> q = idle.get(endpoint);
    if (q == null) {
      return null;
    }
    long now = System.nanoTime();
    Connection c;
    while ((c = q.pollLast()) != null) {
      c.idle = false;
      if (now - c.idleUntilNanos < 0) {
        return c;
      }
      c.http.close(); // past its keep-alive: the endpoint may be closing it right now
    }
    return null;
  }

  /** A new connection to this endpoint; fails when it cannot be made. */
  Future<Connection> open(SocketAddress endpoint) {
    return client.connect(new HttpConnectOptions().setServer(endpoint)
        .setConnectTimeout(connectTimeoutMillis)).map(http -> {
          Connection c = new Connection(http, endpoint);
          http.closeHandler(v -> closed(c));
          return c;
        });
  }

  /**
   * Takes a connection back once its exchange is over: kept for the next request when
   * reusable (for keepAliveMillis, or the default when negative), else closed.
   */
  void release(Connection c, boolean reusable, long keepAliveMillis) {
    if (c.closed || c.idle) {
      return;
    }
    ArrayDeque<Connection> q = reusable ? idle.computeIfAbsent(c.endpoint,
        k -> new ArrayDeque<>()) : null;
    if (q == null || q.size() >= maxIdlePerEndpoint) {
      c.http.close();
      return;
    }
    c.idle = true;
    c.idleUntilNanos = System.nanoTime() + (keepAliveMillis < 0 ? keepAliveNanos
        : Math.min(keepAliveNanos, TimeUnit.MILLISECONDS.toNanos(keepAliveMillis)));
    q.addLast(c);
  }

  /** Closes the connections idle past their keep-alive; run now and then on the event loop. */
  void closeExpired() {
    long now = System.nanoTime();
    for (Iterator<ArrayDeque<Connection>> qs = idle.values().iterator(); qs.hasNext();) {
      ArrayDeque<Connection> q = qs.next();
      for (Iterator<Connection> cs = q.iterator(); cs.hasNext();) {
        Connection c = cs.next();
        if (now - c.idleUntilNanos >= 0) {
          cs.remove();
          c.idle = false;
          c.http.close();
        }
      }
      if (q.isEmpty()) {
        qs.remove();
      }
    }
  }

  private void closed(Connection c) {
    c.closed = true;
    if (c.idle) {
      c.idle = false;
      ArrayDeque<Connection> q = idle.get(c.endpoint);
      if (q != null) {
        q.remove(c);
      }
    }
  }
}

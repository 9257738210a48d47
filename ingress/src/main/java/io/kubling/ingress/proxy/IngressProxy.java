package io.kubling.ingress.proxy;

import static java.util.Objects.requireNonNull;

import io.kubling.ingress.snapshot.IngressSnapshot;
import io.kubling.ingress.snapshot.TlsCertificate;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: an HTTP and an HTTPS listener that route on the current snapshot and
 * forward over keep-alive connections to the endpoints, kept per event loop. {@link #update}
 * swaps the snapshot whole; requests already routed finish on the endpoints they were given.
 * The HTTPS listener opens with the first certificate and picks certificates by SNI; new
 * certificates are loaded in place without closing connections.
 */
public final class IngressProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngressProxy.class);
  static final long CONNECT_TIMEOUT_MS = 2000;
  // Idle connections to an endpoint are kept this long (less when it says so in Keep-Alive).
  static final long KEEP_ALIVE_MS = 30_000;
  static final int MAX_IDLE_PER_ENDPOINT = 256;

  private final Vertx vertx;
  private final RoundRobin roundRobin = new RoundRobin();
  private final AtomicReference<IngressSnapshot> current =
      new AtomicReference<>(IngressSnapshot.EMPTY);
  private final String bindAddress;
  private final int httpsPort;
  // One listener per event loop, sharing the port: Vert.x spreads connections over them.
  private final int instances;
  private List<HttpServer> http = List.of();
  private List<HttpServer> https = List.of();
  private List<TlsCertificate> loadedCerts = List.of();

  /** A proxy with one event loop per core. */
  public IngressProxy(String bindAddress, int httpsPort) {
    this(bindAddress, httpsPort, Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A proxy with this many event loops; the benchmark compares counts with it (on a small
   * shared machine fewer loops mean fewer wake-ups, more loops more of the CPU's share).
   */
  public IngressProxy(String bindAddress, int httpsPort, int eventLoops) {
    this.bindAddress = requireNonNull(bindAddress, "bindAddress should not be null");
    this.httpsPort = httpsPort;
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1, got " + eventLoops);
    }
    this.instances = eventLoops;
    // Native epoll where Netty ships it: fewer copies and less work per read and write than
    // NIO's selector, which the proxy pays twice per request (client side and endpoint side).
    this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
        .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, eventLoops)));
    log.atDebug().addKeyValue("transport", vertx.isNativeTransportEnabled() ? "epoll" : "nio")
        .log("ingress proxy event loops");
  }

  /** Listens for plain HTTP, blocking until bound; 0 picks a free port. */
  public synchronized IngressProxy listenHttp(int port) {
    http = listen(serverOptions(), port, false, "HTTP");
    return this;
  }

  /**
   * Strict thread mode: every request is answered on the event loop that read it (the
   * client that forwards it belongs to the same loop), so Vert.x can write straight to the
   * connection instead of through a queue per write. WebSocket compression off: upgrades are
   * tunnelled as bytes to the endpoint, which negotiates its own extensions, so the
   * server's per-connection extension handler would only add work to every request.
   */
  private static HttpServerOptions serverOptions() {
    return new HttpServerOptions().setTcpNoDelay(true).setStrictThreadMode(true)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  /**
   * One listener per event loop, deployed as instances of one verticle so that they share the
   * port: Vert.x spreads the connections over them. A free port is asked of Vert.x as -1, not
   * 0: with 0 every instance binds a port of its own, and all connections to the one
   * reported land on a single event loop.
   */
  private List<HttpServer> listen(HttpServerOptions options, int port, boolean tls,
      String what) {
    List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    await(vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        // Created on this verticle's event loop, so a request and the call it makes to the
        // endpoint stay on one thread instead of hopping between loops.
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
            .setKeepAlive(true).setPipelining(false).setMaxRedirects(0));
        EndpointConnections connections = new EndpointConnections(client, CONNECT_TIMEOUT_MS,
            KEEP_ALIVE_MS, MAX_IDLE_PER_ENDPOINT);
        vertx.setPeriodic(KEEP_ALIVE_MS / 3, id -> connections.closeExpired());
        Forwarder forwarder = new Forwarder(current::get, connections, roundRobin);
        return vertx.createHttpServer(options).requestHandler(req -> forwarder.handle(req, tls))
            .listen(port == 0 ? -1 : port, bindAddress).onSuccess(servers::add);
      }
    }, new DeploymentOptions().setInstances(instances)), what, port);
    return List.copyOf(servers);
  }

  public synchronized int httpPort() {
    return http.isEmpty() ? -1 : http.get(0).actualPort();
  }

  /** The HTTPS port once a certificate opened it, else -1. */
  public synchronized int httpsPort() {
    return https.isEmpty() ? -1 : https.get(0).actualPort();
  }

  /** Swaps in a new snapshot; (re)loads TLS certificates when they changed. */
  public synchronized void update(IngressSnapshot snapshot) {
    current.set(requireNonNull(snapshot, "snapshot should not be null"));
    if (!snapshot.certificates().equals(loadedCerts) && !snapshot.certificates().isEmpty()) {
      loadCertificates(snapshot.certificates());
    }
  }

  public IngressSnapshot snapshot() {
    return current.get();
  }

  private void loadCertificates(List<TlsCertificate> certs) {
    PemKeyCertOptions pem = new PemKeyCertOptions();
    for (TlsCertificate c : certs) {
      pem.addCertValue(Buffer.buffer(c.certPem())).addKeyValue(Buffer.buffer(c.keyPem()));
    }
    try {
      if (https.isEmpty()) {
        https = listen(serverOptions().setSsl(true).setSni(true).setKeyCertOptions(pem),
            httpsPort, true, "HTTPS");
      } else {
        for (HttpServer s : https) {
          await(s.updateSSLOptions(new ServerSSLOptions().setSni(true).setKeyCertOptions(pem),
              true), "HTTPS", httpsPort);
        }
      }
      loadedCerts = certs;
      log.atInfo().addKeyValue("certificates", certs.size()).log("TLS certificates loaded");
    } catch (RuntimeException e) {
      // A bad certificate must not take routing down; the next change retries.
      log.atWarn().addKeyValue("error", e.toString()).log("TLS certificates not loaded");
    }
  }

  private static <T> T await(Future<T> f, String what, int port) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen for " + what + " on port " + port + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.atWarn().addKeyValue("error", e.toString()).log("ingress proxy did not close cleanly");
    }
  }
}

package io.kubling.apiserver;

import io.etcd.jetcd.Client;
import io.kubling.apiserver.allocator.Ipv4Range;
import io.kubling.apiserver.allocator.PortRange;
import io.kubling.apiserver.allocator.ServiceAllocator;
import io.kubling.apiserver.cache.CacheFeeder;
import io.kubling.apiserver.authentication.Authentication;
import io.kubling.apiserver.authentication.Authenticator;
import io.kubling.apiserver.authentication.TokenAuthenticator;
import io.kubling.apiserver.authorization.Authorization;
import io.kubling.apiserver.authorization.Authorizer;
import io.kubling.apiserver.http.Impersonator;
import io.kubling.apiserver.http.ApiRoutes;
import io.kubling.apiserver.http.SecurityFilter;
import io.kubling.apiserver.http.Metrics;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.serviceaccount.ServiceAccountAdmission;
import io.kubling.apiserver.serviceaccount.TokenIssuer;
import io.kubling.apiserver.storage.Compactor;
import io.kubling.apiserver.storage.CallDeadline;
import io.kubling.apiserver.storage.EtcdStorage;
import io.kubling.apiserver.storage.encryption.EncryptionConfiguration;
import io.kubling.apiserver.storage.encryption.ValueTransformer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API server: the only component that talks to etcd. Start it, then serve. */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final ApiServerOptions options;
  private final Vertx vertx;
  private final Client etcd;
  private final EtcdStorage storage;
  private final CacheFeeder caches;
  private final ResourceStore store;
  private final Metrics metrics = new Metrics();
  private final Authenticator authenticator;
  private final TokenIssuer tokenIssuer;
  private volatile boolean etcdReachable = true;
  private Compactor compactor;
  private HttpServer server;
  private long probeTimer = -1;
  private final Function<ResourceStore, Authorizer> authorizerFactory;

  public ApiServer(ApiServerOptions options) {
    this(options, null, null);
  }

  /**
   * For tests only: a server that authenticates every request with the given authenticator
   * instead of the one {@link Authentication#create} builds from the options, while
   * authorization still follows {@code options.servingSecurity().authorizationModes()}. Lets a
   * test act as any user (say, from a header or a made-up bearer token) over plain HTTP.
   */
  public static ApiServer withAuthenticator(ApiServerOptions options,
      Authenticator authenticator) {
    return new ApiServer(options, authenticator, null);
  }

  /**
   * For tests in this package: an authorizer made from the store in place of the one
   * --authorization-mode names (e.g. one that refuses impersonation to some users).
   */
  ApiServer(ApiServerOptions options, Function<ResourceStore, Authorizer> authorizer) {
    this(options, null, authorizer);
  }

  private ApiServer(ApiServerOptions options, Authenticator authenticator,
      Function<ResourceStore, Authorizer> authorizer) {
    this.options = options;
    this.authenticator = authenticator;
    this.authorizerFactory = authorizer;
    this.vertx = Vertx.vertx();
    this.etcd = etcdTls(Client.builder(), options.storageSecurity())
        // One set of event loops for HTTP and etcd: no thread hop between them per request.
        .vertx(vertx)
        .endpoints(options.etcdServers().toArray(String[]::new))
        .connectTimeout(Duration.ofSeconds(2))
        .keepaliveTime(Duration.ofSeconds(10))
        .keepaliveTimeout(Duration.ofSeconds(5))
        .retryMaxDuration(options.requestTimeout())
        .interceptor(new CallDeadline(options.requestTimeout()))
        .maxInboundMessageSize(256 << 20)
        .build();
    this.storage = new EtcdStorage(etcd, options.requestTimeout(), metrics::etcd,
        transformer(options.storageSecurity()));
    Registry registry = Registry.builtin();
    this.caches = new CacheFeeder(etcd, storage, registry.types(), options.watchCacheWindow());
    ServiceAllocator allocator = new ServiceAllocator(
        Ipv4Range.parse(options.serviceClusterIpRange()),
        PortRange.parse(options.serviceNodePortRange()));
    this.tokenIssuer = tokenIssuer(options.servingSecurity());
    ServingSecurity security = options.servingSecurity();
    this.store = new ResourceStore(storage, caches, registry, allocator,
        new ServiceAccountAdmission.Options(security.authenticates(), tokenIssuer != null));
    metrics.gauge("apiserver_registered_watchers", () -> registry.types().stream()
        .mapToLong(t -> caches.cache(t).watcherCount()).sum());
    metrics.gauge("apiserver_watch_cache_revision", caches::revision);
  }

  /** --etcd-cafile/--etcd-certfile/--etcd-keyfile: TLS to etcd, with a client cert. */
  private static io.etcd.jetcd.ClientBuilder etcdTls(io.etcd.jetcd.ClientBuilder b,
      StorageSecurity security) {
    if (security.etcdCaFile() == null && security.etcdCertFile() == null) {
      return b;
    }
    try {
      return b.sslContext(ssl -> {
        if (security.etcdCaFile() != null) {
          ssl.trustManager(security.etcdCaFile().toFile());
        }
        if (security.etcdCertFile() != null) {
          ssl.keyManager(security.etcdCertFile().toFile(), security.etcdKeyFile().toFile());
        }
      });
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalArgumentException("cannot use the etcd TLS files: " + e.getMessage(), e);
    }
  }

  /** --service-account-signing-key-file: without it the server issues no tokens. */
  private static TokenIssuer tokenIssuer(ServingSecurity security) {
    return security.serviceAccountSigningKeyFile() == null ? null
        : TokenIssuer.load(security.serviceAccountSigningKeyFile(),
            security.serviceAccountIssuer());
  }

  private static ValueTransformer transformer(StorageSecurity security) {
    return security.encryptionProviderConfig() == null ? ValueTransformer.IDENTITY
        : EncryptionConfiguration.load(security.encryptionProviderConfig());
  }

  /** Syncs the caches, creates the bootstrap objects, then listens. */
  public CompletableFuture<ApiServer> start() {
    Ipv4Range range = Ipv4Range.parse(options.serviceClusterIpRange());
    return caches.start()
        .thenCompose(x -> Bootstrap.run(store, range.address(0), port(),
            options.servingSecurity().authorizationModes().contains(Authorization.RBAC)))
        .thenCompose(x -> listen())
        .thenApply(s -> {
          server = s;
          compactor = new Compactor(etcd, options.etcdCompactionInterval());
          probeTimer = vertx.setPeriodic(1000, id -> probeEtcd());
          log.atInfo().addKeyValue("address", url()).log("API server ready");
          return this;
        });
  }

  private CompletableFuture<HttpServer> listen() {
    ServingSecurity security = options.servingSecurity();
    TokenAuthenticator tokens = Authentication.tokens(security, store);
    Authorizer authorizer = authorizerFactory != null ? authorizerFactory.apply(store)
        : Authorization.create(security, store);
    SecurityFilter filter = new SecurityFilter(
        authenticator != null ? authenticator : Authentication.create(security, tokens),
        new Impersonator(authorizer), authorizer);
    ApiRoutes routes = new ApiRoutes(store, metrics, this::ready, () -> true,
        options.bindAddress() + ":" + options.securePort(), filter, tokenIssuer, tokens,
        List.of(security.serviceAccountIssuer()));
    HttpServerOptions http = ServingTls.apply(security, new HttpServerOptions())
        .setHost(options.bindAddress())
        .setPort(options.securePort())
        // As kube-apiserver does: gzip only large answers (lists), at the fastest level;
        // compressing every small object costs more CPU than it saves on loopback.
        .setCompressionSupported(true)
        .setCompressionContentSizeThreshold(128 * 1024)
        .setCompressionLevel(1)
        .setMaxInitialLineLength(16 * 1024)
        .setWebSocketSubProtocols(ApiRoutes.WEBSOCKET_SUBPROTOCOLS)
        .setTcpNoDelay(true);
    Future<HttpServer> f = vertx.createHttpServer(http).requestHandler(routes.routes(vertx))
        .listen();
    return f.toCompletionStage().toCompletableFuture();
  }

  private void probeEtcd() {
    storage.currentRevision().orTimeout(2, TimeUnit.SECONDS)
        .whenComplete((rev, t) -> etcdReachable = t == null);
  }

  /** Ready: etcd answers and the caches have synced. */
  public boolean ready() {
    return etcdReachable && caches.synced();
  }

  public int port() {
    return server != null ? server.actualPort() : options.securePort();
  }

  /** The URL clients use, e.g. https://127.0.0.1:6443 (http:// only when TLS is off). */
  public String url() {
    return (options.servingSecurity().tls() ? "https://" : "http://")
        + options.bindAddress() + ":" + port();
  }

  public ResourceStore store() {
    return store;
  }

  public Metrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
    }
    try {
      if (server != null) {
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      log.atWarn().addKeyValue("error", e.toString()).log("HTTP server did not close cleanly");
    }
    if (compactor != null) {
      compactor.close();
    }
    caches.close();
    etcd.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.atWarn().addKeyValue("error", e.toString()).log("Vert.x did not close cleanly");
    }
  }
}

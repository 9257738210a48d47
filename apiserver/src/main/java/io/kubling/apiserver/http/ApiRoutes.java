package io.kubling.apiserver.http;

import io.kubling.apiserver.Version;
import io.kubling.apiserver.authorization.EscalationCheck;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.serviceaccount.TokenIssuer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.kubling.apiserver.authentication.TokenAuthenticator;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Every route of the API server, registered in one place. */
public final class ApiRoutes {
  /** Kubernetes refuses request bodies over 3 MiB. */
  public static final long MAX_BODY = 3L << 20;
  /**
   * The WebSocket subprotocols the server accepts, in order of preference: the remotecommand
   * protocols pods/exec is proxied with (see PodProxyHandlers).
   */
  public static final java.util.List<String> WEBSOCKET_SUBPROTOCOLS =
      java.util.List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

  private final ResourceStore store;
  private final ResourceDispatcher resources;
  private final Discovery discovery;
  private final Metrics metrics;
  private final BooleanSupplier ready;
  private final BooleanSupplier live;
  private final String serverAddress;
  private final SecurityFilter security;
  private final AuthenticationReviews authenticationReviews;

  public ApiRoutes(ResourceStore store, Metrics metrics, BooleanSupplier ready,
      BooleanSupplier live, String serverAddress, SecurityFilter security) {
    this(store, metrics, ready, live, serverAddress, security, null);
  }

  /** tokenIssuer signs serviceaccounts/token; null when no signing key is configured. */
  public ApiRoutes(ResourceStore store, Metrics metrics, BooleanSupplier ready,
      BooleanSupplier live, String serverAddress, SecurityFilter security,
      TokenIssuer tokenIssuer) {
    this(store, metrics, ready, live, serverAddress, security, tokenIssuer,
        token -> Optional.empty(), java.util.List.of());
  }

  /**
   * tokens: what TokenReview answers with (the server's bearer token authenticators), valid
   * for apiAudiences (--api-audiences; the issuer by default).
   */
  public ApiRoutes(ResourceStore store, Metrics metrics, BooleanSupplier ready,
      BooleanSupplier live, String serverAddress, SecurityFilter security,
      TokenIssuer tokenIssuer, TokenAuthenticator tokens, java.util.List<String> apiAudiences) {
    this.security = security;
    this.authenticationReviews = new AuthenticationReviews(tokens, apiAudiences);
    this.store = store;
    this.resources = new ResourceDispatcher(store, metrics, tokenIssuer,
        EscalationCheck.of(security.authorizer()));
    this.discovery = new Discovery(store.registry(), AuthenticationReviews.RESOURCES);
    this.metrics = metrics;
    this.ready = ready;
    this.live = live;
    this.serverAddress = serverAddress;
  }

  public Router routes(Vertx vertx) {
    Router r = Router.router(vertx);
    // Before every other handler: authentication, impersonation, authorization.
    r.route().handler(security);
    new PodProxyHandlers(store, metrics, vertx).register(r);
    r.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    r.get("/healthz").handler(ctx -> health(ctx, live.getAsBoolean(), "healthz"));
    r.get("/livez").handler(ctx -> health(ctx, live.getAsBoolean(), "livez"));
    r.get("/readyz").handler(ctx -> health(ctx, ready.getAsBoolean(), "readyz"));
    r.get("/version").handler(ctx -> Responses.json(ctx, 200, Version.info()));
    r.get("/metrics").handler(this::metrics);
    r.get("/api").handler(ctx -> discovery(ctx, true));
    r.get("/apis").handler(ctx -> discovery(ctx, false));
    r.get("/api/:version").handler(ctx -> groupVersion(ctx, "", ctx.pathParam("version")));
    r.get("/apis/:group/:version").handler(ctx ->
        groupVersion(ctx, ctx.pathParam("group"), ctx.pathParam("version")));
    new OpenApiHandlers(io.kubling.apiserver.registry.Registry.builtin()).register(r);
    authenticationReviews.register(r);
    new AccessReviewHandlers(security.authorizer()).register(r);
    r.route("/api/*").handler(resources::handle);
    r.route("/apis/*").handler(resources::handle);
    r.route().last().handler(ctx -> Responses.fail(ctx, ResourceDispatcher.notFound(ctx)));
    r.errorHandler(413, ctx -> Responses.fail(ctx, ApiException.tooLarge(
        "Request entity too large: limit is " + MAX_BODY)));
    r.errorHandler(500, ctx -> Responses.fail(ctx, ctx.failure() == null
        ? ApiException.internal("unknown") : ctx.failure()));
    return r;
  }

  /** Aggregated discovery when the client asks for it (kubectl does), legacy otherwise. */
  private void discovery(RoutingContext ctx, boolean core) {
    String aggregated = Discovery.aggregatedVersion(ctx.request().getHeader("Accept"));
    if (aggregated != null) {
      ctx.response().setStatusCode(200)
          .putHeader("Content-Type", Discovery.aggregatedContentType(aggregated))
          .end(io.vertx.core.buffer.Buffer.buffer(
              io.kubling.apiserver.json.Json.bytes(discovery.aggregated(core, aggregated))));
      return;
    }
    Responses.json(ctx, 200, core ? discovery.apiVersions(serverAddress) : discovery.groups());
  }

  private void groupVersion(RoutingContext ctx, String group, String version) {
    var doc = discovery.resources(group, version);
    if (doc == null) {
      Responses.fail(ctx, ResourceDispatcher.notFound(ctx));
    } else {
      Responses.json(ctx, 200, doc);
    }
  }

  private void health(RoutingContext ctx, boolean ok, String what) {
    String verbose = ctx.queryParams().get("verbose");
    ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "text/plain")
        .end(ok ? (verbose != null ? "[+]" + what + " ok\n" + what + " check passed\n" : "ok")
            : what + " check failed: etcd unreachable or caches not synced\n");
  }

  private void metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(metrics.render());
  }
}

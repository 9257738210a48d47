package io.kubling.apiserver.http;

import io.kubling.apiserver.authorization.EscalationCheck;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.registry.Lister;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.serviceaccount.TokenIssuer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Routes a resource request to its verb by method, path shape and query. */
final class ResourceDispatcher {
  private static final Set<String> SERVED_SUBRESOURCES = Set.of("status", "binding", "finalize",
      "scale", "eviction", "token");

  private final ResourceStore store;
  private final ReadHandlers reads;
  private final WriteHandlers writes;
  private final ScaleHandlers scale;
  private final EvictionHandler eviction;
  private final TokenRequestHandler tokens;
  private final Metrics metrics;

  ResourceDispatcher(ResourceStore store, Metrics metrics, TokenIssuer issuer,
      EscalationCheck escalation) {
    this.store = store;
    Lister lister = new Lister(store.storage(), store.caches());
    this.reads = new ReadHandlers(store, lister);
    this.writes = new WriteHandlers(store, lister, escalation);
    this.scale = new ScaleHandlers(store);
    this.eviction = new EvictionHandler(store, lister);
    this.tokens = new TokenRequestHandler(store, issuer);
    this.metrics = metrics;
  }

  void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    RequestInfo info = RequestInfo.of(ctx);
    String[] verb = {"unknown"};
    String resource = info == null ? "" : info.resource();
    ctx.addEndHandler(v -> metrics.request(verb[0], resource, ctx.response().getStatusCode(),
        System.nanoTime() - start));
    try {
      if (info == null) {
        throw notFound(ctx);
      }
      if (isBindingsCollection(info)) {
        verb[0] = "create";
        bindByBody(ctx, info);
        return;
      }
      ResourceType type = store.registry().find(info.group(), info.version(), info.resource())
          .orElseThrow(() -> notFound(ctx));
      if (type.namespaced() && info.name() != null && info.namespace() == null) {
        throw notFound(ctx);
      }
      if (!type.namespaced() && info.namespace() != null) {
        throw notFound(ctx);
      }
      if (info.subresource() != null) {
        if (!type.subresources().contains(info.subresource())) {
          throw notFound(ctx);
        }
        if (!SERVED_SUBRESOURCES.contains(info.subresource())) {
          throw new ApiException(405, "MethodNotAllowed", "the subresource "
              + info.resource() + "/" + info.subresource() + " is not served by kubling yet",
              null, null, null, null, null);
        }
      }
      // Named before dispatching: a response may end (and be counted) before dispatch returns.
      verb[0] = verb(ctx, info);
      dispatch(ctx, type, info);
    } catch (RuntimeException e) {
      Responses.fail(ctx, e);
    }
  }

  private String dispatch(RoutingContext ctx, ResourceType type, RequestInfo info) {
    HttpMethod m = ctx.request().method();
    String sub = info.subresource();
    boolean named = info.name() != null;
    if ("scale".equals(sub)) {
      return dispatchScale(ctx, type, info, m);
    }
    if ("eviction".equals(sub)) {
      if (m != HttpMethod.POST) {
        throw methodNotAllowed();
      }
      eviction.evict(ctx, type, info);
      return "create";
    }
    if ("token".equals(sub)) {
      if (m != HttpMethod.POST) {
        throw methodNotAllowed();
      }
      tokens.create(ctx, type, info);
      return "create";
    }
    if (m == HttpMethod.GET) {
      if (info.watchPath() || Query.flag(ctx.queryParams(), "watch")) {
        reads.watch(ctx, type, info);
        return "watch";
      }
      if (named) {
        if ("binding".equals(sub) || "finalize".equals(sub)) {
          throw methodNotAllowed();
        }
        reads.get(ctx, type, info);
        return "get";
      }
      reads.list(ctx, type, info);
      return "list";
    }
    if (info.watchPath()) {
      throw methodNotAllowed();
    }
    if (m == HttpMethod.POST) {
      if ("binding".equals(sub)) {
        writes.bind(ctx, type, info);
        return "create";
      }
      if (named) {
        throw methodNotAllowed();
      }
      if (type.namespaced() && info.namespace() == null) {
        throw methodNotAllowed();
      }
      writes.create(ctx, type, info);
      return "create";
    }
    if (!named || "binding".equals(sub)) {
      if (m == HttpMethod.DELETE && !named) {
        writes.deleteCollection(ctx, type, info);
        return "deletecollection";
      }
      throw methodNotAllowed();
    }
    if (m == HttpMethod.PUT) {
      writes.update(ctx, type, info);
      return "update";
    }
    if (m == HttpMethod.PATCH) {
      if ("finalize".equals(sub)) {
        throw methodNotAllowed();
      }
      writes.patch(ctx, type, info);
      return "patch";
    }
    if (m == HttpMethod.DELETE && sub == null) {
      writes.delete(ctx, type, info);
      return "delete";
    }
    throw methodNotAllowed();
  }

  /** Kubernetes' verb of a request, for metrics. */
  static String verb(RoutingContext ctx, RequestInfo info) {
    HttpMethod m = ctx.request().method();
    boolean named = info.name() != null;
    if (m == HttpMethod.GET) {
      return info.watchPath() || Query.flag(ctx.queryParams(), "watch") ? "watch"
          : named ? "get" : "list";
    }
    if (m == HttpMethod.POST) {
      return "create";
    }
    if (m == HttpMethod.PUT) {
      return "update";
    }
    if (m == HttpMethod.PATCH) {
      return "patch";
    }
    if (m == HttpMethod.DELETE) {
      return named ? "delete" : "deletecollection";
    }
    return "unknown";
  }

  /** POST /api/v1/namespaces/{ns}/bindings: the older form of pods/{name}/binding. */
  private static boolean isBindingsCollection(RequestInfo info) {
    return info.group().isEmpty() && info.version().equals("v1")
        && info.resource().equals("bindings");
  }

  private void bindByBody(RoutingContext ctx, RequestInfo info) {
    if (ctx.request().method() != HttpMethod.POST || info.name() != null
        || info.namespace() == null) {
      throw methodNotAllowed();
    }
    String pod = io.kubling.apiserver.json.Meta.name(Bodies.object(ctx));
    if (pod == null || pod.isEmpty()) {
      throw ApiException.badRequest("a Binding needs metadata.name: the pod to bind");
    }
    ResourceType pods = store.registry().get("", "pods");
    writes.bind(ctx, pods, new RequestInfo("", "v1", info.namespace(), "pods", pod, "binding",
        false));
  }

  private String dispatchScale(RoutingContext ctx, ResourceType type, RequestInfo info,
      HttpMethod m) {
    if (m == HttpMethod.GET) {
      scale.get(ctx, type, info);
      return "get";
    }
    if (m == HttpMethod.PUT) {
      scale.update(ctx, type, info);
      return "update";
    }
    if (m == HttpMethod.PATCH) {
      scale.patch(ctx, type, info);
      return "patch";
    }
    throw methodNotAllowed();
  }

  private static ApiException methodNotAllowed() {
    return ApiException.methodNotAllowed("the server does not allow this method on the"
        + " requested resource");
  }

  static ApiException notFound(RoutingContext ctx) {
    return new ApiException(404, "NotFound", "the server could not find the requested resource",
        null, null, null, null, null);
  }
}

package io.kubling.apiserver.http;

import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.authorization.Attributes;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** A request's authorization {@link Attributes}, read from its path and method. */
final class RequestAttributes {
  private static final java.util.Set<String> CONNECT_CREATE = java.util.Set.of("exec", "attach",
      "portforward");

  private RequestAttributes() {}

  static Attributes of(RoutingContext ctx, UserInfo user) {
    String path = ctx.normalizedPath();
    RequestInfo info = RequestInfo.of(ctx);
    if (info == null) {
      // Discovery (/api, /apis/apps/v1), health, /version, /metrics, /openapi: no resource.
      return Attributes.nonResource(user,
          ctx.request().method().name().toLowerCase(Locale.ROOT), path);
    }
    String namespace = info.namespace();
    // As Kubernetes' RequestInfoFactory: /api/v1/namespaces/x is "in" namespace x, so a
    // RoleBinding in x can grant reading the namespace x itself.
    if (namespace == null && info.group().isEmpty() && info.resource().equals("namespaces")) {
      namespace = info.name();
    }
    String verb = ResourceDispatcher.verb(ctx, info);
    if (info.subresource() != null && CONNECT_CREATE.contains(info.subresource())) {
      // kubectl exec/attach/port-forward open a WebSocket with GET; since Kubernetes 1.30
      // those need create, as the older SPDY POST did, so a "get pods/exec" grant is not enough.
      verb = "create";
    }
    return Attributes.resource(user, verb, info.group(),
        info.version(), info.resource(), info.subresource(), namespace, info.name());
  }
}

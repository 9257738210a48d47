package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.vertx.ext.web.RoutingContext;

/**
 * A cluster-scoped resource that only takes creates and is never stored (TokenReview,
 * SelfSubjectReview, ...): the server answers the posted object with its status filled in.
 */
record CreateOnlyResource(String group, String version, String plural, String kind) {

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }

  /** The posted object, checked to be of this kind; dryRun is accepted (nothing is stored). */
  static ObjectNode body(RoutingContext ctx, CreateOnlyResource r) {
    Query.dryRun(ctx.queryParams());
    ObjectNode obj = Bodies.object(ctx);
    String apiVersion = obj.path("apiVersion").asText("");
    String kind = obj.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(r.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + r.apiVersion() + ")");
    }
    if (!kind.isEmpty() && !kind.equals(r.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind
          + ") does not match the expected kind (" + r.kind() + ")");
    }
    obj.put("apiVersion", r.apiVersion());
    obj.put("kind", r.kind());
    if (!obj.path("metadata").isObject()) {
      obj.putObject("metadata");
    }
    return obj;
  }

  static void methodNotAllowed(RoutingContext ctx) {
    Responses.fail(ctx, ApiException.methodNotAllowed(
        "the server does not allow this method on the requested resource"));
  }
}

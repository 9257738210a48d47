package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.patch.Patches;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.selection.LabelSelector;
import io.kubling.apiserver.validation.FieldError;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The scale subresource of ReplicaSets and Deployments: an autoscaling/v1 Scale view of
 * spec.replicas, read and written through the workload itself.
 */
final class ScaleHandlers {
  private final ResourceStore store;

  ScaleHandlers(ResourceStore store) {
    this.store = store;
  }

  /** The Scale of a workload as stored at its resourceVersion. */
  static ObjectNode scaleOf(CachedObject workload) {
    ObjectNode w = workload.object();
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    for (String f : new String[] {"name", "namespace", "uid", "resourceVersion",
        "creationTimestamp"}) {
      JsonNode v = w.path("metadata").get(f);
      if (v != null) {
        meta.set(f, v);
      }
    }
    scale.putObject("spec").put("replicas", w.path("spec").path("replicas").asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", w.path("status").path("replicas").asInt(0));
    JsonNode selector = w.path("spec").get("selector");
    if (selector != null) {
      status.put("selector", LabelSelector.fromJson(selector).toString());
    }
    return scale;
  }

  void get(RoutingContext ctx, ResourceType type, RequestInfo info) {
    Future.fromCompletionStage(store.get(type, info.namespace(), info.name(),
            ctx.queryParams().get("resourceVersion")), ctx.vertx().getOrCreateContext())
        .onSuccess(o -> Responses.json(ctx, 200, scaleOf(o)))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  void update(RoutingContext ctx, ResourceType type, RequestInfo info) {
    ObjectNode body = Bodies.object(ctx);
    write(ctx, type, info, scale -> body);
  }

  void patch(RoutingContext ctx, ResourceType type, RequestInfo info) {
    String contentType = ctx.request().getHeader("Content-Type");
    byte[] body = Bodies.raw(ctx);
    write(ctx, type, info, scale -> Patches.apply(contentType, scale, body, "Scale"));
  }

  /** Applies a change of the Scale view to the workload's spec.replicas. */
  private void write(RoutingContext ctx, ResourceType type, RequestInfo info,
      UnaryOperator<ObjectNode> change) {
    UnaryOperator<ObjectNode> mutation = workload -> {
      ObjectNode current = scaleOf(new CachedObject(null, workload, null, 0, null));
      ObjectNode wanted = change.apply(current);
      JsonNode replicas = wanted.path("spec").get("replicas");
      if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
        throw ApiException.invalid("Scale", "autoscaling", info.name(), List.of(
            FieldError.invalid("spec.replicas", replicas == null ? "null" : replicas.toString(),
                "must be greater than or equal to 0")));
      }
      Json.with(workload, "spec").put("replicas", replicas.asInt());
      String rv = Meta.resourceVersion(wanted);
      if (rv != null && !rv.isEmpty()) {
        Meta.metadata(workload).put("resourceVersion", rv);
      }
      return workload;
    };
    Future.fromCompletionStage(store.update(type, info.namespace(), info.name(), mutation,
            ResourceStore.Part.MAIN, Query.dryRun(ctx.queryParams())),
            ctx.vertx().getOrCreateContext())
        .onSuccess(o -> Responses.json(ctx, 200, scaleOf(o)))
        .onFailure(t -> Responses.fail(ctx, t));
  }
}

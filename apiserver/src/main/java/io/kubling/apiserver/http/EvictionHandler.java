package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.registry.DeleteOptions;
import io.kubling.apiserver.registry.ListOptions;
import io.kubling.apiserver.registry.Lister;
import io.kubling.apiserver.registry.ObjectMetaRules;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.selection.LabelSelector;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * pods/eviction: deletes a pod gracefully unless a PodDisruptionBudget forbids it (429, and
 * drain retries). An allowed eviction takes one disruption from the budget's status first,
 * as Kubernetes' eviction REST does, so two evictions cannot both spend the last one.
 */
final class EvictionHandler {
  static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption"
      + " budget.";

  private final ResourceStore store;
  private final Lister lister;
  private final ResourceType pdbs;

  EvictionHandler(ResourceStore store, Lister lister) {
    this.store = store;
    this.lister = lister;
    this.pdbs = store.registry().get("policy", "poddisruptionbudgets");
  }

  void evict(RoutingContext ctx, ResourceType pods, RequestInfo info) {
    ObjectNode eviction = Bodies.object(ctx);
    String bodyName = Meta.name(eviction);
    if (bodyName != null && !bodyName.equals(info.name())) {
      throw ApiException.badRequest("name in URL does not match name in Eviction object");
    }
    DeleteOptions options = deleteOptions(eviction.path("deleteOptions"));
    CompletableFuture<Void> done = store.get(pods, info.namespace(), info.name(), null)
        .thenCompose(pod -> spendDisruption(pod))
        .thenCompose(x -> store.delete(pods, info.namespace(), info.name(), options))
        .thenApply(r -> null);
    Future.fromCompletionStage(done, ctx.vertx().getOrCreateContext())
        .onSuccess(x -> Responses.created(ctx))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  private CompletableFuture<Void> spendDisruption(CachedObject pod) {
    String phase = pod.object().path("status").path("phase").asText("");
    // Pods that are not running disrupt nothing, as in Kubernetes.
    if (phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending")
        || Meta.deleting(pod.object())) {
      return CompletableFuture.completedFuture(null);
    }
    return lister.list(pdbs, pod.namespace(), ListOptions.all()).thenCompose(page -> {
      List<CachedObject> matching = page.items().stream()
          .filter(p -> LabelSelector.fromJson(p.object().path("spec").get("selector"))
              .matches(pod.labels()))
          .toList();
      if (matching.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      if (matching.size() > 1) {
        throw new ApiException(500, "InternalError", "This pod has more than one"
            + " PodDisruptionBudget, which the eviction subresource does not support.",
            null, null, null, null, null);
      }
      CachedObject pdb = matching.get(0);
      return store.update(pdbs, pdb.namespace(), pdb.name(), budget -> {
        JsonNode status = budget.path("status");
        if (status.path("observedGeneration").asLong(0)
            < budget.path("metadata").path("generation").asLong(1)) {
          throw ApiException.tooManyRequests(VIOLATION + " The disruption budget "
              + pdb.name() + " is still being processed by the server.", 10);
        }
        int allowed = status.path("disruptionsAllowed").asInt(0);
        if (allowed <= 0) {
          throw ApiException.tooManyRequests(VIOLATION + " The disruption budget "
              + pdb.name() + " needs " + status.path("desiredHealthy").asInt() + " healthy pods"
              + " and has " + status.path("currentHealthy").asInt() + " currently", 10);
        }
        ObjectNode s = Json.with(budget, "status");
        s.put("disruptionsAllowed", allowed - 1);
        Json.with(s, "disruptedPods").put(pod.name(), ObjectMetaRules.now());
        return budget;
      }, ResourceStore.Part.STATUS, false).thenApply(x -> null);
    });
  }

  private static DeleteOptions deleteOptions(JsonNode o) {
    Long grace = o.hasNonNull("gracePeriodSeconds") ? o.get("gracePeriodSeconds").asLong() : null;
    String policy = o.hasNonNull("propagationPolicy") ? o.get("propagationPolicy").asText() : null;
    return new DeleteOptions(grace, policy, Json.text(o, "preconditions", "uid"),
        Json.text(o, "preconditions", "resourceVersion"), o.path("dryRun").size() > 0);
  }
}

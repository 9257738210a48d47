package io.kubling.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.storage.KeyValue;
import io.kubling.apiserver.storage.StorageError;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * One DELETE: checks preconditions, then either removes the object (guarded by its
 * revision) or only marks it — deletionTimestamp set — when finalizers, a propagation
 * policy or a pod's grace period say the object must wait.
 */
public final class Deletion {
  private static final int MAX_RETRIES = 500;

  /** The outcome: the object's last state, and whether it is gone or only marked. */
  public record Result(CachedObject object, boolean deleted) {}

  private final ResourceStore store;
  private final ResourceType type;
  private final String name;
  private final String key;
  private final DeleteOptions options;

  Deletion(ResourceStore store, ResourceType type, String namespace, String name,
      DeleteOptions options) {
    this.store = store;
    this.type = type;
    this.name = name;
    this.key = ResourceStore.key(type, namespace, name);
    this.options = options;
  }

  CompletableFuture<Result> run() {
    return store.storage().get(key)
        .thenCompose(kv -> attempt(kv.orElse(null), 0))
        .exceptionallyCompose(t -> CompletableFuture.failedFuture(
            ResourceStore.toApi(ResourceStore.unwrap(t), type, name)));
  }

  private CompletableFuture<Result> attempt(KeyValue cur, int attempt) {
    if (cur == null) {
      throw ApiException.notFound(type.plural(), type.group(), name);
    }
    ObjectNode old = CachedObject.decode(key, cur.value(), cur.modRevision()).object();
    checkPreconditions(old);
    ObjectNode marked = markIfMustWait(old.deepCopy());
    CompletableFuture<Result> write;
    if (marked == null) {
      if (options.dryRun()) {
        return CompletableFuture.completedFuture(
            new Result(CachedObject.stamp(key, old, cur.modRevision()), true));
      }
      write = store.storage().delete(key, cur.modRevision(), ResourceStore.heldKeys(type, old))
          .thenApply(rev -> new Result(CachedObject.stamp(key, old, cur.modRevision()), true));
    } else if (ObjectMetaRules.sameObject(marked, old) || options.dryRun()) {
      return CompletableFuture.completedFuture(
          new Result(CachedObject.stamp(key, marked, cur.modRevision()), false));
    } else {
      Meta.metadata(marked).remove("resourceVersion");
      write = store.storage().update(key, cur.modRevision(), Json.bytes(marked),
          java.util.List.of(), java.util.List.of())
          .thenApply(rev -> new Result(CachedObject.stamp(key, marked, rev), false));
    }
    return write.exceptionallyCompose(t -> {
      Throwable c = ResourceStore.unwrap(t);
      if (c instanceof StorageError.Conflict conflict && attempt < MAX_RETRIES
          && options.preconditionResourceVersion() == null) {
        return attempt(conflict.current(), attempt + 1);
      }
      return CompletableFuture.failedFuture(c);
    });
  }

  private void checkPreconditions(ObjectNode old) {
    String uid = options.preconditionUid();
    if (uid != null && !uid.equals(Meta.uid(old))) {
      throw ApiException.conflict(type.plural(), type.group(), name,
          "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
              + Meta.uid(old));
    }
    String rv = options.preconditionResourceVersion();
    if (rv != null && !rv.equals(Meta.resourceVersion(old))) {
      throw ApiException.conflict(type.plural(), type.group(), name,
          "Precondition failed: ResourceVersion in precondition: " + rv
              + ", ResourceVersion in object meta: " + Meta.resourceVersion(old));
    }
  }

  /** The object marked for deletion, or null when it can go at once. */
  private ObjectNode markIfMustWait(ObjectNode obj) {
    ObjectNode meta = Meta.metadata(obj);
    String policy = options.propagationPolicy();
    if ("Orphan".equals(policy)) {
      addFinalizer(meta, "orphan");
    } else if ("Foreground".equals(policy)) {
      addFinalizer(meta, "foregroundDeletion");
    }
    long grace = gracePeriod(obj);
    boolean waits = Finalization.hasFinalizers(obj) || grace > 0;
    if (!waits) {
      return null;
    }
    if (!meta.has("deletionTimestamp")) {
      meta.put("deletionTimestamp", DateTimeFormatter.ISO_INSTANT.format(
          Instant.now().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS)));
      meta.put("deletionGracePeriodSeconds", grace);
    } else if (grace < meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE)) {
      // A shorter grace period may replace a longer one, as kubectl delete --grace-period does.
      meta.put("deletionGracePeriodSeconds", grace);
    }
    if ("Namespace".equals(type.kind())) {
      Json.with(obj, "status").put("phase", "Terminating");
    }
    return obj;
  }

  /**
   * Only pods bound to a node are deleted gracefully: their node agent stops them and then
   * deletes with grace 0. Unbound pods, and everything else, go at once.
   */
  private long gracePeriod(ObjectNode obj) {
    if (!type.group().isEmpty() || !type.plural().equals("pods")) {
      return 0;
    }
    JsonNode spec = obj.path("spec");
    if (spec.path("nodeName").asText("").isEmpty()) {
      return 0;
    }
    String phase = obj.path("status").path("phase").asText("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    Long requested = options.gracePeriodSeconds();
    long grace = requested != null ? requested
        : spec.path("terminationGracePeriodSeconds").asLong(30);
    return Math.max(0, grace);
  }

  private static void addFinalizer(ObjectNode meta, String finalizer) {
    JsonNode existing = meta.get("finalizers");
    ArrayNode list = existing instanceof ArrayNode a ? a : meta.putArray("finalizers");
    for (JsonNode f : list) {
      if (f.asText().equals(finalizer)) {
        return;
      }
    }
    list.add(finalizer);
  }
}

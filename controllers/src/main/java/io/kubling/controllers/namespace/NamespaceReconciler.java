package io.kubling.controllers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties a Terminating namespace of every namespaced object, then removes the
 * {@code kubernetes} finalizer so the API server deletes the namespace.
 */
public final class NamespaceReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(NamespaceReconciler.class);
  static final Duration RECHECK = Duration.ofSeconds(1);

  private final NamespaceApi api;

  public NamespaceReconciler(NamespaceApi api) {
    this.api = api;
  }

  @Override
  public Result reconcile(String key) {
    Optional<Namespace> found = api.namespace(key);
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() == null) {
      return Result.done();
    }
    Namespace ns = found.get();
    List<NamespaceApi.Item> remaining = new ArrayList<>();
    for (NamespaceApi.ResourceType type : api.namespacedTypes()) {
      remaining.addAll(api.list(type, key));
    }
    switch (Namespaces.next(ns, remaining)) {
      case DELETE_CONTENT -> {
        for (NamespaceApi.Item item : remaining) {
          if (!item.terminating()) {
            api.delete(item.type(), key, item.name());
          }
        }
        return Result.requeueAfter(RECHECK);
      }
      case WAIT -> {
        return Result.requeueAfter(RECHECK);
      }
      case FINALIZE -> {
        api.finalizeNamespace(ns, Namespaces.finalizersAfter(ns));
        log.atInfo().addKeyValue("namespace", key).log("namespace emptied; finalized");
        return Result.done();
      }
      default -> {
        return Result.done();
      }
    }
  }
}

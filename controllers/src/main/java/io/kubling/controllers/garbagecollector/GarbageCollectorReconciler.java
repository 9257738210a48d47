package io.kubling.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cascading deletion by ownerReferences: deletes dependents whose owners are gone
 * (background), deletes an owner's dependents before it (foreground), and strips references
 * from dependents of an orphaning owner. Keys are Kind/namespace/name.
 */
public final class GarbageCollectorReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollectorReconciler.class);

  private final GarbageCollectorApi api;

  public GarbageCollectorReconciler(GarbageCollectorApi api) {
    this.api = api;
  }

  @Override
  public Result reconcile(String key) {
    Optional<HasMetadata> found = api.get(key);
    if (found.isEmpty()) {
      return Result.done();
    }
    HasMetadata obj = found.get();
    Map<String, GarbageCollection.OwnerState> owners = new LinkedHashMap<>();
    List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
    if (refs != null && obj.getMetadata().getDeletionTimestamp() == null) {
      for (OwnerReference r : refs) {
        owners.put(r.getUid(), api.owner(obj.getMetadata().getNamespace(), r));
      }
    }
    List<HasMetadata> dependents = api.dependents(obj.getMetadata().getUid());
    GarbageCollection.Plan plan = GarbageCollection.plan(obj, owners, dependents);
    if (plan.isEmpty()) {
      return Result.done();
    }
    for (HasMetadata d : plan.orphan()) {
      api.removeOwnerReference(d, obj.getMetadata().getUid());
    }
    if (plan.removeOrphanFinalizer()) {
      api.removeFinalizer(obj, GarbageCollection.ORPHAN);
      log.atInfo().addKeyValue("object", key).addKeyValue("dependents", plan.orphan().size())
          .log("dependents orphaned");
    }
    for (HasMetadata d : plan.deleteDependents()) {
      api.delete(d, "Foreground");
    }
    if (plan.removeForegroundFinalizer()) {
      api.removeFinalizer(obj, GarbageCollection.FOREGROUND);
      log.atInfo().addKeyValue("object", key).log("dependents gone; foreground deletion done");
    }
    if (plan.deleteSelf() != null) {
      api.delete(obj, plan.deleteSelf());
      log.atInfo().addKeyValue("object", key).addKeyValue("propagation", plan.deleteSelf())
          .log("owner gone; deleting dependent");
    }
    for (String uid : plan.dropOwnerRefs()) {
      api.removeOwnerReference(obj, uid);
    }
    return Result.done();
  }
}

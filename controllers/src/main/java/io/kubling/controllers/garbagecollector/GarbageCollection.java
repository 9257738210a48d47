package io.kubling.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The garbage collector's decisions for one object, given its owners' and dependents' state. */
public final class GarbageCollection {
  public static final String ORPHAN = "orphan";
  public static final String FOREGROUND = "foregroundDeletion";

  /** How an owner stands, as seen from one of its dependents. */
  public enum OwnerState { PRESENT, ABSENT, DELETING_FOREGROUND }

  /**
   * What to do, in this order: strip the object's reference from orphaned dependents and drop
   * its orphan finalizer; delete dependents (foreground) and drop the foreground finalizer once
   * no blocking dependent is left; delete the object itself with a propagation policy; remove
   * references to owners that are gone.
   */
  public record Plan(List<HasMetadata> orphan, boolean removeOrphanFinalizer,
      List<HasMetadata> deleteDependents, boolean removeForegroundFinalizer, String deleteSelf,
      List<String> dropOwnerRefs) {
    public static final Plan NONE = new Plan(List.of(), false, List.of(), false, null, List.of());

    public boolean isEmpty() {
      return equals(NONE);
    }
  }

  private GarbageCollection() {}

  public static Plan plan(HasMetadata obj, Map<String, OwnerState> owners,
      List<HasMetadata> dependents) {
    boolean deleting = obj.getMetadata().getDeletionTimestamp() != null;
    List<String> finalizers = obj.getMetadata().getFinalizers() == null ? List.of()
        : obj.getMetadata().getFinalizers();
    String uid = obj.getMetadata().getUid();
    List<HasMetadata> orphan = List.of();
    boolean removeOrphan = false;
    if (deleting && finalizers.contains(ORPHAN)) {
      orphan = dependents;
      removeOrphan = true;
    }
    List<HasMetadata> deleteDependents = List.of();
    boolean removeForeground = false;
    if (deleting && finalizers.contains(FOREGROUND) && !removeOrphan) {
      deleteDependents = dependents.stream()
          .filter(d -> d.getMetadata().getDeletionTimestamp() == null).toList();
      removeForeground = dependents.stream().noneMatch(d -> blocks(d, uid));
    }
    String deleteSelf = null;
    List<String> drop = new ArrayList<>();
    if (!deleting && !owners.isEmpty()) {
      boolean anyPresent = owners.containsValue(OwnerState.PRESENT);
      boolean anyForeground = owners.containsValue(OwnerState.DELETING_FOREGROUND);
      if (!anyPresent) {
        deleteSelf = anyForeground ? "Foreground" : "Background";
      } else {
        owners.forEach((ownerUid, state) -> {
          if (state == OwnerState.ABSENT) {
            drop.add(ownerUid);
          }
        });
      }
    }
    return new Plan(orphan, removeOrphan, deleteDependents, removeForeground, deleteSelf,
        List.copyOf(drop));
  }

  /** Whether dependent d holds back its owner's foreground deletion. */
  static boolean blocks(HasMetadata d, String ownerUid) {
    List<OwnerReference> refs = d.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> r.getUid().equals(ownerUid)
        && Boolean.TRUE.equals(r.getBlockOwnerDeletion()));
  }
}

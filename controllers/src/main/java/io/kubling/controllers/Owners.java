package io.kubling.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Optional;

/** ownerReferences: the controller reference, and building one for an owner. */
public final class Owners {
  private Owners() {}

  public static Optional<OwnerReference> controllerOf(HasMetadata obj) {
    List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
    if (refs == null) {
      return Optional.empty();
    }
    // A loop, not a stream: this runs for every pod on every ReplicaSet sync.
    for (OwnerReference r : refs) {
      if (Boolean.TRUE.equals(r.getController())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Whether obj's controller reference names owner (by UID). */
  public static boolean isControlledBy(HasMetadata obj, HasMetadata owner) {
    return controllerOf(obj).map(r -> r.getUid().equals(owner.getMetadata().getUid()))
        .orElse(false);
  }

  /** A controller reference to owner, blocking its foreground deletion like Kubernetes' own. */
  public static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  public static String key(HasMetadata obj) {
    String ns = obj.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? obj.getMetadata().getName()
        : ns + "/" + obj.getMetadata().getName();
  }
}

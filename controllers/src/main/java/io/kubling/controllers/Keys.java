package io.kubling.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;

/** Turning objects into the work queue keys of their controllers. */
public final class Keys {
  private Keys() {}

  /** namespace/name of obj's controller when it is of this kind, else nothing. */
  public static List<String> controllerKey(HasMetadata obj, String kind) {
    return Owners.controllerOf(obj).filter(r -> kind.equals(r.getKind()))
        .map(OwnerReference::getName)
        .map(n -> obj.getMetadata().getNamespace() + "/" + n)
        .map(List::of).orElse(List.of());
  }
}

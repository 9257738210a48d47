package io.kubling.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.Optional;

/** The service account controller's decision: which account a namespace is missing. */
public final class ServiceAccounts {
  public static final String DEFAULT = "default";

  private ServiceAccounts() {}

  /** The default account to create, if the namespace is active and lacks it. */
  public static Optional<ServiceAccount> missing(Namespace ns, Optional<ServiceAccount> existing) {
    boolean active = ns.getMetadata().getDeletionTimestamp() == null
        && (ns.getStatus() == null || !"Terminating".equals(ns.getStatus().getPhase()));
    if (!active || existing.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new ServiceAccountBuilder().withNewMetadata().withName(DEFAULT)
        .withNamespace(ns.getMetadata().getName()).endMetadata().build());
  }
}

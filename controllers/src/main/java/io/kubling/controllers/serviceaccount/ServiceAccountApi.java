package io.kubling.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Optional;

/** What the service account controller reads (caches) and writes. */
public interface ServiceAccountApi {
  Optional<Namespace> namespace(String name);

  Optional<ServiceAccount> serviceAccount(String namespace, String name);

  /** Creates it; AlreadyExists counts as success. */
  void create(ServiceAccount serviceAccount);
}

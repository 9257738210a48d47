package io.kubling.controllers.rootcacertpublisher;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Optional;

/** What the root CA publisher reads (caches) and writes. */
public interface RootCaApi {
  Optional<Namespace> namespace(String name);

  Optional<ConfigMap> configMap(String namespace);

  /** Creates it; AlreadyExists (a lagging cache) and a terminating namespace are no error. */
  void create(ConfigMap configMap);

  /** Replaces it at its resourceVersion; a conflict is retried by the worker loop. */
  void update(ConfigMap configMap);
}

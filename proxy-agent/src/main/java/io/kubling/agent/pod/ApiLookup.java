package io.kubling.agent.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the ConfigMaps and Secrets a container's env refers to from the API server. */
final class ApiLookup implements EnvResolver.Lookup {
  private final KubernetesClient client;

  ApiLookup(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Map<String, String>> configMap(String namespace, String name) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    return cm == null ? Optional.empty()
        : Optional.of(cm.getData() == null ? Map.of() : cm.getData());
  }

  @Override
  public Optional<Map<String, String>> secret(String namespace, String name) {
    Secret s = client.secrets().inNamespace(namespace).withName(name).get();
    if (s == null) {
      return Optional.empty();
    }
    Map<String, String> out = new HashMap<>();
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k,
          new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) {
      out.putAll(s.getStringData());
    }
    return Optional.of(out);
  }
}

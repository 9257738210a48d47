package io.kubling.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The secrets or configmaps a pod refers to (volumes, projected sources, env, envFrom,
 * imagePullSecrets): what its node may read for it.
 */
public final class PodReferences {
  private PodReferences() {}

  public static Set<String> names(JsonNode pod, boolean secrets) {
    Set<String> out = new HashSet<>();
    JsonNode spec = pod.path("spec");
    for (JsonNode v : spec.path("volumes")) {
      if (secrets) {
        add(out, v.path("secret").path("secretName"));
      } else {
        add(out, v.path("configMap").path("name"));
      }
      for (JsonNode src : v.path("projected").path("sources")) {
        add(out, src.path(secrets ? "secret" : "configMap").path("name"));
      }
    }
    if (secrets) {
      for (JsonNode s : spec.path("imagePullSecrets")) {
        add(out, s.path("name"));
      }
    }
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : spec.path(list)) {
        for (JsonNode e : c.path("env")) {
          add(out, e.path("valueFrom").path(secrets ? "secretKeyRef" : "configMapKeyRef")
              .path("name"));
        }
        for (JsonNode e : c.path("envFrom")) {
          add(out, e.path(secrets ? "secretRef" : "configMapRef").path("name"));
        }
      }
    }
    return out;
  }

  private static void add(Set<String> out, JsonNode name) {
    if (name.isTextual() && !name.asText().isEmpty()) {
      out.add(name.asText());
    }
  }
}

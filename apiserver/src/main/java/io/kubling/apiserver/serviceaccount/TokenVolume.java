package io.kubling.apiserver.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.util.List;

/**
 * The kube-api-access projected volume the ServiceAccount admission adds to pods, and its
 * mount in every container, exactly as Kubernetes writes them. Pure functions.
 */
public final class TokenVolume {
  public static final String NAME_PREFIX = "kube-api-access-";
  /** An hour and 7 s: kube-apiserver's tell-tale for tokens the kubelet refreshes. */
  public static final long EXPIRATION_SECONDS = 3607;
  static final int DEFAULT_MODE = 0644;

  private TokenVolume() {}

  /** The projected volume: token, ca.crt from kube-root-ca.crt, namespace from the pod. */
  public static ObjectNode volume(String name) {
    ObjectNode v = Json.object();
    v.put("name", name);
    ObjectNode projected = v.putObject("projected");
    ArrayNode sources = projected.putArray("sources");
    sources.addObject().putObject("serviceAccountToken")
        .put("expirationSeconds", EXPIRATION_SECONDS).put("path", "token");
    ObjectNode cm = sources.addObject().putObject("configMap");
    cm.put("name", ServiceAccountNames.ROOT_CA_CONFIGMAP);
    cm.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
    ObjectNode item = sources.addObject().putObject("downwardAPI").putArray("items").addObject();
    item.putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
    item.put("path", "namespace");
    projected.put("defaultMode", DEFAULT_MODE);
    return v;
  }

  /**
   * Mounts the token volume in every container and init container that has nothing mounted at
   * the token path yet, adding the volume (named by newName unless the pod already has one)
   * when any container needs it, as Kubernetes' mountServiceAccountToken does.
   */
  public static void mount(ObjectNode spec, String newName) {
    String name = newName;
    boolean hasVolume = false;
    for (JsonNode v : spec.path("volumes")) {
      if (v.path("name").asText("").startsWith(NAME_PREFIX)) {
        name = v.path("name").asText();
        hasVolume = true;
        break;
      }
    }
    boolean needed = false;
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : spec.path(list)) {
        if (!(c instanceof ObjectNode container) || mountsTokenPath(container)) {
          continue;
        }
        ObjectNode mount = Json.object();
        mount.put("name", name);
        mount.put("readOnly", true);
        mount.put("mountPath", ServiceAccountNames.MOUNT_PATH);
        (container.get("volumeMounts") instanceof ArrayNode a ? a
            : container.putArray("volumeMounts")).add(mount);
        needed = true;
      }
    }
    if (needed && !hasVolume) {
      (spec.get("volumes") instanceof ArrayNode a ? a : spec.putArray("volumes"))
          .add(volume(name));
    }
  }

  private static boolean mountsTokenPath(JsonNode container) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (ServiceAccountNames.MOUNT_PATH.equals(m.path("mountPath").asText())) {
        return true;
      }
    }
    return false;
  }
}

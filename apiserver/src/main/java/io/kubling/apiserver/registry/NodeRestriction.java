package io.kubling.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.authorization.NodeAuthorizer;
import io.kubling.apiserver.authorization.PodReferences;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The NodeRestriction admission plugin: what the Node authorizer cannot see because it lies in
 * the body. A node may create only mirror pods bound to itself, register and change only its
 * own Node (never the labels under node-restriction.kubernetes.io/), and hold only its own
 * Lease. Requests from anyone else pass untouched.
 */
public final class NodeRestriction {
  public static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  public static final String RESTRICTED_LABEL_PREFIX = "node-restriction.kubernetes.io/";

  private NodeRestriction() {}

  /** Checks a create; throws 403 Forbidden when a node may not make this object. */
  public static void admitCreate(UserInfo user, ResourceType type, JsonNode obj) {
    String node = NodeAuthorizer.nodeName(user);
    if (node == null) {
      return;
    }
    String name = Meta.name(obj);
    if (isCore(type, "pods")) {
      if (!Meta.stringMap(Json.at(obj, "metadata", "annotations"))
          .containsKey(MIRROR_ANNOTATION)) {
        throw forbidden(type, name, "pod does not have \"" + MIRROR_ANNOTATION
            + "\" annotation, node \"" + node + "\" can only create mirror pods");
      }
      if (!node.equals(Json.text(obj, "spec", "nodeName"))) {
        throw forbidden(type, name, "node \"" + node
            + "\" can only create pods with spec.nodeName set to itself");
      }
      mirrorPodReferences(type, name, node, obj);
    } else if (isCore(type, "nodes")) {
      if (!node.equals(name)) {
        throw forbidden(type, name, "node \"" + node + "\" is not allowed to modify node \""
            + name + "\"");
      }
      TreeSet<String> restricted = restricted(Meta.labels(obj), Map.of());
      if (!restricted.isEmpty()) {
        throw forbidden(type, name, "is not allowed to set the following labels: "
            + String.join(", ", restricted));
      }
    } else if (type.group().equals("coordination.k8s.io") && type.plural().equals("leases")) {
      if (!node.equals(name)) {
        throw forbidden(type, name, "can only access node lease with the same name as the"
            + " requesting node");
      }
    }
  }

  /**
   * A mirror pod may be owned only by its own Node and may use no ServiceAccount, secret or
   * configmap: a node must not gain reads through pods it makes up itself.
   */
  private static void mirrorPodReferences(ResourceType type, String name, String node,
      JsonNode pod) {
    JsonNode owners = Json.at(pod, "metadata", "ownerReferences");
    if (owners != null && owners.size() > 0) {
      JsonNode o = owners.get(0);
      if (owners.size() > 1 || !"Node".equals(o.path("kind").asText())
          || !node.equals(o.path("name").asText())) {
        throw forbidden(type, name, "node \"" + node + "\" can only create pods with an"
            + " owner reference set to itself");
      }
    }
    String sa = Json.text(pod, "spec", "serviceAccountName");
    if (sa != null && !sa.isEmpty()) {
      throw forbidden(type, name, "node \"" + node + "\" can not create pods that reference"
          + " a service account");
    }
    if (!PodReferences.names(pod, true).isEmpty()) {
      throw forbidden(type, name, "node \"" + node + "\" can not create pods that reference"
          + " secrets");
    }
    if (!PodReferences.names(pod, false).isEmpty()) {
      throw forbidden(type, name, "node \"" + node + "\" can not create pods that reference"
          + " configmaps");
    }
  }

  /** Checks an update (PUT or PATCH, status included) of old into next. */
  public static void admitUpdate(UserInfo user, ResourceType type, JsonNode old,
      JsonNode next) {
    String node = NodeAuthorizer.nodeName(user);
    if (node != null && isCore(type, "pods")) {
      admitBoundPod(node, type, old, "update");
      return;
    }
    if (node == null || !isCore(type, "nodes")) {
      return;
    }
    String name = Meta.name(next);
    if (!node.equals(name)) {
      throw forbidden(type, name, "node \"" + node + "\" is not allowed to modify node \""
          + name + "\"");
    }
    TreeSet<String> changed = restricted(Meta.labels(next), Meta.labels(old));
    if (!changed.isEmpty()) {
      throw forbidden(type, name, "is not allowed to modify labels: "
          + String.join(", ", changed));
    }
  }

  /** Whether a delete by this user must first be checked against the stored object. */
  public static boolean checksDelete(UserInfo user, ResourceType type) {
    return NodeAuthorizer.nodeName(user) != null && isCore(type, "pods");
  }

  /** Checks a node's delete of the stored pod: only pods bound to the node itself. */
  public static void admitDelete(UserInfo user, ResourceType type, JsonNode stored) {
    String node = NodeAuthorizer.nodeName(user);
    if (node != null && isCore(type, "pods")) {
      admitBoundPod(node, type, stored, "delete");
    }
  }

  /**
   * The stored pod, not the Node authorizer's cached view, decides: the authorizer lets a node
   * through for a pod its cache does not hold, so the write meets 404 when the pod is gone.
   */
  private static void admitBoundPod(String node, ResourceType type, JsonNode stored,
      String verb) {
    if (!node.equals(Json.text(stored, "spec", "nodeName"))) {
      throw forbidden(type, Meta.name(stored), "node \"" + node + "\" can only " + verb
          + " pods with spec.nodeName set to itself");
    }
  }

  /** Labels under the restricted prefix that differ between the two maps. */
  static TreeSet<String> restricted(Map<String, String> now, Map<String, String> before) {
    TreeSet<String> out = new TreeSet<>();
    for (String k : now.keySet()) {
      if (restrictedKey(k) && !Objects.equals(now.get(k), before.get(k))) {
        out.add(k);
      }
    }
    for (String k : before.keySet()) {
      if (restrictedKey(k) && !now.containsKey(k)) {
        out.add(k);
      }
    }
    return out;
  }

  private static boolean restrictedKey(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String prefix = key.substring(0, slash);
    return prefix.equals("node-restriction.kubernetes.io")
        || prefix.endsWith(".node-restriction.kubernetes.io");
  }

  private static boolean isCore(ResourceType type, String plural) {
    return type.group().isEmpty() && type.plural().equals(plural);
  }

  private static ApiException forbidden(ResourceType type, String name, String why) {
    return ApiException.forbidden(type.plural(), type.group(), name, why);
  }
}

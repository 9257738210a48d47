package io.kubling.apiserver.authorization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The ClusterRoles and ClusterRoleBindings every cluster starts with, as Kubernetes'
 * bootstrap policy has them (for the resources kubling serves): cluster-admin, admin, edit,
 * view, the discovery and basic-user roles, and one role per control-plane component.
 */
public final class BootstrapPolicy {
  static final String BOOTSTRAPPING = "kubernetes.io/bootstrapping";
  static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
  private static final String AGGREGATE = "rbac.authorization.k8s.io/aggregate-to-";
  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE = List.of("create", "delete", "deletecollection",
      "patch", "update");
  private static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection",
      "get", "list", "patch", "update", "watch");

  private BootstrapPolicy() {}

  // ---- the rules

  static List<PolicyRule> view() {
    return List.of(
        rule(READ, "", "pods", "pods/log", "pods/status", "services", "services/status",
            "endpoints", "configmaps", "persistentvolumeclaims", "persistentvolumeclaims/status",
            "replicationcontrollers", "replicationcontrollers/scale",
            "replicationcontrollers/status", "serviceaccounts", "limitranges", "resourcequotas",
            "resourcequotas/status", "bindings", "events", "namespaces", "namespaces/status"),
        rule(READ, "apps", "controllerrevisions", "daemonsets", "daemonsets/status",
            "deployments", "deployments/scale", "deployments/status", "replicasets",
            "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale",
            "statefulsets/status"),
        rule(READ, "autoscaling", "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
        rule(READ, "batch", "cronjobs", "cronjobs/status", "jobs", "jobs/status"),
        rule(READ, "policy", "poddisruptionbudgets", "poddisruptionbudgets/status"),
        rule(READ, "networking.k8s.io", "ingresses", "ingresses/status", "networkpolicies"),
        rule(READ, "discovery.k8s.io", "endpointslices"),
        rule(READ, "events.k8s.io", "events"));
  }

  static List<PolicyRule> edit() {
    List<PolicyRule> out = new ArrayList<>(view());
    out.addAll(List.of(
        rule(List.of("impersonate"), "", "serviceaccounts"),
        rule(WRITE, "", "pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"),
        rule(List.of("create"), "", "pods/eviction"),
        rule(WRITE, "", "configmaps", "endpoints", "persistentvolumeclaims",
            "replicationcontrollers", "replicationcontrollers/scale", "secrets",
            "serviceaccounts", "services", "services/proxy"),
        rule(List.of("create"), "", "serviceaccounts/token"),
        rule(List.of("get", "list", "watch"), "", "secrets", "pods/attach", "pods/exec",
            "pods/portforward", "pods/proxy", "services/proxy"),
        rule(WRITE, "apps", "daemonsets", "deployments", "deployments/rollback",
            "deployments/scale", "replicasets", "replicasets/scale", "statefulsets",
            "statefulsets/scale"),
        rule(WRITE, "autoscaling", "horizontalpodautoscalers"),
        rule(WRITE, "batch", "cronjobs", "jobs"),
        rule(WRITE, "policy", "poddisruptionbudgets"),
        rule(WRITE, "networking.k8s.io", "ingresses", "networkpolicies"),
        rule(WRITE, "discovery.k8s.io", "endpointslices")));
    return out;
  }

  static List<PolicyRule> admin() {
    List<PolicyRule> out = new ArrayList<>(edit());
    out.addAll(List.of(
        rule(ALL_VERBS, "rbac.authorization.k8s.io", "rolebindings", "roles"),
        rule(List.of("create"), "authorization.k8s.io", "localsubjectaccessreviews")));
    return out;
  }

  static List<PolicyRule> scheduler() {
    return List.of(
        rule(List.of("create", "patch", "update"), "", "events"),
        rule(List.of("create", "patch", "update"), "events.k8s.io", "events"),
        rule(List.of("create", "get", "list", "watch", "update", "patch"), "coordination.k8s.io",
            "leases"),
        rule(List.of("create", "get", "update"), "", "endpoints"),
        rule(READ, "", "nodes", "namespaces", "services", "replicationcontrollers",
            "persistentvolumeclaims", "persistentvolumes", "configmaps"),
        rule(List.of("delete", "get", "list", "watch"), "", "pods"),
        rule(List.of("create"), "", "bindings", "pods/binding"),
        rule(List.of("patch", "update"), "", "pods/status"),
        rule(READ, "apps", "replicasets", "statefulsets"),
        rule(READ, "policy", "poddisruptionbudgets"),
        rule(READ, "storage.k8s.io", "csinodes", "csidrivers", "csistoragecapacities",
            "storageclasses"),
        rule(List.of("create"), "authentication.k8s.io", "tokenreviews"),
        rule(List.of("create"), "authorization.k8s.io", "subjectaccessreviews"));
  }

  /**
   * Everything the controllers touch: they read and watch every resource; the garbage
   * collector and the namespace controller update and delete whatever is owned or in a
   * deleted namespace (secrets too); creates are limited to what controllers make.
   */
  static List<PolicyRule> controllerManager() {
    return List.of(
        rule(READ, "*", "*"),
        rule(List.of("delete", "deletecollection", "patch", "update"), "*", "*"),
        rule(List.of("create"), "", "pods", "pods/eviction", "endpoints", "events",
            "serviceaccounts", "serviceaccounts/token", "configmaps", "services"),
        rule(List.of("create"), "apps", "replicasets", "controllerrevisions"),
        rule(List.of("create"), "discovery.k8s.io", "endpointslices"),
        rule(List.of("create"), "coordination.k8s.io", "leases"),
        rule(List.of("create"), "events.k8s.io", "events"),
        rule(List.of("create"), "authentication.k8s.io", "tokenreviews"),
        rule(List.of("create"), "authorization.k8s.io", "subjectaccessreviews"));
  }

  /** Reads the node authorizer leaves to RBAC; a node's writes are the node authorizer's. */
  static List<PolicyRule> node() {
    return List.of(
        rule(READ, "", "nodes", "pods", "services", "endpoints", "namespaces"),
        rule(List.of("get"), "", "pods/status"),
        rule(READ, "discovery.k8s.io", "endpointslices"),
        rule(READ, "networking.k8s.io", "ingresses", "ingressclasses"),
        rule(List.of("create", "patch", "update"), "", "events"),
        rule(List.of("create", "patch", "update"), "events.k8s.io", "events"),
        rule(List.of("create"), "authentication.k8s.io", "tokenreviews"),
        rule(List.of("create"), "authorization.k8s.io", "subjectaccessreviews",
            "localsubjectaccessreviews"));
  }

  static List<PolicyRule> ingressController() {
    return List.of(
        rule(READ, "networking.k8s.io", "ingresses", "ingressclasses"),
        rule(READ, "", "services", "endpoints", "secrets", "pods", "nodes"),
        rule(READ, "discovery.k8s.io", "endpointslices"),
        rule(List.of("update", "patch"), "networking.k8s.io", "ingresses/status"),
        rule(List.of("create"), "networking.k8s.io", "ingressclasses"),
        rule(List.of("create", "patch", "update"), "", "events"),
        rule(List.of("create", "get", "list", "watch", "update", "patch"), "coordination.k8s.io",
            "leases"));
  }

  static final List<String> DISCOVERY_URLS = List.of("/api", "/api/*", "/apis", "/apis/*",
      "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/");
  static final List<String> PUBLIC_URLS = List.of("/healthz", "/livez", "/readyz", "/version",
      "/version/");

  // ---- the objects

  /** Every default ClusterRole, as it would be stored. */
  public static List<ObjectNode> clusterRoles() {
    List<ObjectNode> out = new ArrayList<>();
    out.add(role("cluster-admin", List.of(rule(List.of("*"), "*", "*"),
        PolicyRule.urls(List.of("*"), List.of("*")))));
    ObjectNode admin = role("admin", admin());
    aggregateFrom(admin, "admin");
    out.add(admin);
    ObjectNode edit = role("edit", edit());
    aggregateFrom(edit, "edit");
    label(edit, AGGREGATE + "admin");
    out.add(edit);
    ObjectNode view = role("view", view());
    aggregateFrom(view, "view");
    label(view, AGGREGATE + "edit");
    out.add(view);
    out.add(role("system:basic-user", List.of(
        rule(List.of("create"), "authorization.k8s.io", "selfsubjectaccessreviews",
            "selfsubjectrulesreviews"),
        rule(List.of("create"), "authentication.k8s.io", "selfsubjectreviews"))));
    out.add(role("system:discovery", List.of(PolicyRule.urls(List.of("get"), DISCOVERY_URLS))));
    out.add(role("system:public-info-viewer",
        List.of(PolicyRule.urls(List.of("get"), PUBLIC_URLS))));
    out.add(role("system:monitoring", List.of(PolicyRule.urls(List.of("get"),
        List.of("/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis",
            "/readyz", "/readyz/*")))));
    out.add(role("system:kube-scheduler", scheduler()));
    out.add(role("system:kube-controller-manager", controllerManager()));
    out.add(role("system:node", node()));
    out.add(role("system:kubling-ingress-controller", ingressController()));
    return out;
  }

  /** Every default ClusterRoleBinding, as it would be stored. */
  public static List<ObjectNode> clusterRoleBindings() {
    return List.of(
        binding("cluster-admin", "Group", UserInfo.MASTERS),
        binding("system:basic-user", "Group", UserInfo.ALL_AUTHENTICATED),
        binding("system:discovery", "Group", UserInfo.ALL_AUTHENTICATED),
        binding("system:public-info-viewer", "Group", UserInfo.ALL_AUTHENTICATED,
            "Group", UserInfo.ALL_UNAUTHENTICATED),
        binding("system:monitoring", "Group", "system:monitoring"),
        binding("system:kube-scheduler", "User", "system:kube-scheduler"),
        binding("system:kube-controller-manager", "User", "system:kube-controller-manager"),
        binding("system:node", "Group", NodeAuthorizer.NODES_GROUP),
        binding("system:kubling-ingress-controller", "User",
            "system:kubling-ingress-controller"));
  }

  /**
   * What Kubernetes' RBAC reconciliation makes of a default object found at start: when it
   * still carries autoupdate=true, the default's rules (or subjects) it lacks are added and
   * everything else stays. Null when nothing needs to change.
   */
  public static ObjectNode reconciled(ObjectNode existing, ObjectNode wanted) {
    if (!"true".equals(Json.text(existing, "metadata", "annotations", AUTOUPDATE))) {
      return null;
    }
    ObjectNode out = existing.deepCopy();
    boolean changed = false;
    if (wanted.has("rules")) {
      List<PolicyRule> have = PolicyRule.all(existing.path("rules"));
      ArrayNode rules = out.has("rules") && out.get("rules").isArray()
          ? (ArrayNode) out.get("rules") : out.putArray("rules");
      for (int i = 0; i < wanted.get("rules").size(); i++) {
        PolicyRule r = PolicyRule.from(wanted.get("rules").get(i));
        if (!Coverage.uncovered(have, List.of(r)).isEmpty()) {
          rules.add(wanted.get("rules").get(i).deepCopy());
          changed = true;
        }
      }
    }
    if (wanted.has("subjects")) {
      ArrayNode subjects = out.has("subjects") && out.get("subjects").isArray()
          ? (ArrayNode) out.get("subjects") : out.putArray("subjects");
      for (var want : wanted.get("subjects")) {
        boolean present = false;
        for (var s : existing.path("subjects")) {
          present |= s.path("kind").equals(want.path("kind"))
              && s.path("name").equals(want.path("name"));
        }
        if (!present) {
          subjects.add(want.deepCopy());
          changed = true;
        }
      }
    }
    return changed ? out : null;
  }

  private static PolicyRule rule(List<String> verbs, String group, String... resources) {
    return PolicyRule.resources(verbs, List.of(group), List.of(resources));
  }

  private static ObjectNode role(String name, List<PolicyRule> rules) {
    ObjectNode o = meta("ClusterRole", name);
    ArrayNode array = o.putArray("rules");
    for (PolicyRule r : rules) {
      array.add(Json.MAPPER.<ObjectNode>valueToTree(r));
      ObjectNode last = (ObjectNode) array.get(array.size() - 1);
      // Kubernetes leaves empty lists out of stored rules.
      for (String f : List.of("apiGroups", "resources", "resourceNames", "nonResourceURLs")) {
        if (last.path(f).isEmpty()) {
          last.remove(f);
        }
      }
    }
    return o;
  }

  private static void aggregateFrom(ObjectNode role, String to) {
    role.putObject("aggregationRule").putArray("clusterRoleSelectors").addObject()
        .putObject("matchLabels").put(AGGREGATE + to, "true");
  }

  private static void label(ObjectNode o, String key) {
    ((ObjectNode) o.path("metadata").path("labels")).put(key, "true");
  }

  private static ObjectNode binding(String name, String... subjects) {
    ObjectNode o = meta("ClusterRoleBinding", name);
    o.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io")
        .put("kind", "ClusterRole").put("name", name);
    ArrayNode s = o.putArray("subjects");
    for (int i = 0; i < subjects.length; i += 2) {
      s.addObject().put("apiGroup", "rbac.authorization.k8s.io").put("kind", subjects[i])
          .put("name", subjects[i + 1]);
    }
    return o;
  }

  private static ObjectNode meta(String kind, String name) {
    ObjectNode o = Json.object();
    o.put("apiVersion", "rbac.authorization.k8s.io/v1");
    o.put("kind", kind);
    ObjectNode m = o.putObject("metadata");
    m.put("name", name);
    m.putObject("labels").put(BOOTSTRAPPING, "rbac-defaults");
    m.putObject("annotations").put(AUTOUPDATE, "true");
    return o;
  }
}

package io.kubling.apiserver.patch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The strategic-merge-patch tags of the kinds kubling serves, as k8s.io/api v0.32 declares
 * them, keyed by JSON path. A path names fields only: the items of a list share the list's
 * path, so {@code spec.containers.env} is the env list of every container.
 *
 * <p>Fields not listed have no tags: their lists are replaced whole (tolerations, node
 * taints, envFrom, resizePolicy, readinessGates, Endpoints subsets, RBAC rules and subjects,
 * Namespace spec.finalizers, managedFields, containerStatuses) and their maps merged (labels,
 * annotations, ConfigMap and Secret data).
 */
public final class BuiltinPatchMeta {
  // Declared before BY_KIND: build() reads it.
  private static final Map<String, PatchMeta> UNKNOWN_KIND = kind(t -> { });
  private static final Map<String, Map<String, PatchMeta>> BY_KIND = build();

  private BuiltinPatchMeta() {}

  /** The table of a kind; for kinds not served only metadata's fields are known. */
  public static Map<String, PatchMeta> forKind(String kind) {
    return BY_KIND.getOrDefault(kind, UNKNOWN_KIND);
  }

  public static PatchMeta lookup(String kind, String path) {
    return forKind(kind).getOrDefault(path, PatchMeta.NONE);
  }

  private static Map<String, Map<String, PatchMeta>> build() {
    Map<String, Map<String, PatchMeta>> m = new HashMap<>();
    m.put("Pod", kind(t -> {
      podSpec(t, "spec");
      podStatus(t, "status");
    }));
    m.put("Node", kind(t -> {
      t.set("spec.podCIDRs");
      t.merge("status.conditions", "type");
      t.merge("status.addresses", "type");
    }));
    m.put("Service", kind(t -> {
      // The tag names port alone, so two ports differing only by protocol share an item.
      t.merge("spec.ports", "port");
      t.merge("status.conditions", "type");
    }));
    m.put("ServiceAccount", kind(t -> t.merge("secrets", "name")));
    m.put("Namespace", kind(t -> t.merge("status.conditions", "type")));
    m.put("Deployment", kind(t -> {
      t.put("spec.strategy", new PatchMeta(PatchMeta.Strategy.NONE, null, true));
      workload(t);
    }));
    m.put("ReplicaSet", kind(BuiltinPatchMeta::workload));
    m.put("DaemonSet", kind(BuiltinPatchMeta::workload));
    m.put("PodDisruptionBudget", kind(t -> {
      t.put("spec.selector", new PatchMeta(PatchMeta.Strategy.REPLACE, null, false));
      t.merge("status.conditions", "type");
    }));
    for (String k : List.of("Endpoints", "EndpointSlice", "ConfigMap", "Secret", "Event",
        "Lease", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "Ingress",
        "IngressClass")) {
      m.put(k, UNKNOWN_KIND);
    }
    return Map.copyOf(m);
  }

  private static Map<String, PatchMeta> kind(Consumer<Table> fields) {
    Table t = new Table();
    objectMeta(t, "metadata");
    fields.accept(t);
    return Map.copyOf(t);
  }

  private static void objectMeta(Table t, String at) {
    t.merge(at + ".ownerReferences", "uid");
    t.set(at + ".finalizers");
  }

  private static void workload(Table t) {
    objectMeta(t, "spec.template.metadata");
    podSpec(t, "spec.template.spec");
    t.merge("status.conditions", "type");
  }

  private static void podSpec(Table t, String at) {
    t.put(at + ".volumes", new PatchMeta(PatchMeta.Strategy.MERGE, "name", true));
    for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
      t.merge(at + "." + list, "name");
      container(t, at + "." + list);
    }
    t.merge(at + ".imagePullSecrets", "name");
    t.merge(at + ".hostAliases", "ip");
    t.merge(at + ".topologySpreadConstraints", "topologyKey");
    t.merge(at + ".schedulingGates", "name");
    t.put(at + ".resourceClaims", new PatchMeta(PatchMeta.Strategy.MERGE, "name", true));
  }

  private static void container(Table t, String at) {
    t.merge(at + ".ports", "containerPort");
    t.merge(at + ".env", "name");
    t.merge(at + ".volumeMounts", "mountPath");
    t.merge(at + ".volumeDevices", "devicePath");
  }

  private static void podStatus(Table t, String at) {
    t.merge(at + ".conditions", "type");
    t.merge(at + ".hostIPs", "ip");
    t.merge(at + ".podIPs", "ip");
    t.put(at + ".resourceClaimStatuses", new PatchMeta(PatchMeta.Strategy.MERGE, "name", true));
  }

  private static final class Table extends HashMap<String, PatchMeta> {
    void merge(String path, String mergeKey) {
      put(path, new PatchMeta(PatchMeta.Strategy.MERGE, mergeKey, false));
    }

    /** A list of primitives merged as a set. */
    void set(String path) {
      put(path, new PatchMeta(PatchMeta.Strategy.MERGE, null, false));
    }
  }
}

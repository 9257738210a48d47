package io.kubling.controllers.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.kubling.controllers.Owners;
import io.kubling.controllers.Pods;
import io.kubling.controllers.Selectors;
import io.kubling.controllers.TemplateHash;
import io.kubling.controllers.nodelifecycle.NodeHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The DaemonSet controller's decisions: where a pod belongs, what to create and delete, status. */
public final class DaemonSets {
  public static final String HASH_LABEL = "controller-revision-hash";

  /** What one sync does: pods to create (by node) and pods to delete. */
  public record Plan(List<String> createOn, List<Pod> delete) {}

  private DaemonSets() {}

  /** The tolerations the DaemonSet controller adds to every daemon pod, as Kubernetes does. */
  public static List<Toleration> defaultTolerations() {
    return List.of(
        toleration("node.kubernetes.io/not-ready", "NoExecute"),
        toleration(NodeHealth.UNREACHABLE, "NoExecute"),
        toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
        toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
        toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
        toleration("node.kubernetes.io/unschedulable", "NoSchedule"));
  }

  private static Toleration toleration(String key, String effect) {
    return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
  }

  /** Whether a daemon pod belongs on the node: nodeSelector, required affinity, taints. */
  public static boolean shouldRun(DaemonSet ds, Node node) {
    PodSpec spec = ds.getSpec().getTemplate().getSpec();
    Map<String, String> labels = node.getMetadata().getLabels();
    if (!Selectors.matchesMap(spec.getNodeSelector(), labels)) {
      return false;
    }
    var affinity = spec.getAffinity() == null ? null : spec.getAffinity().getNodeAffinity();
    var required = affinity == null ? null
        : affinity.getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required != null && required.getNodeSelectorTerms() != null
        && !required.getNodeSelectorTerms().isEmpty()) {
      boolean any = false;
      for (NodeSelectorTerm t : required.getNodeSelectorTerms()) {
        any |= Selectors.matchesNodeTerm(t, node.getMetadata().getName(), labels);
      }
      if (!any) {
        return false;
      }
    }
    List<Toleration> tolerations = tolerations(spec);
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints();
    for (Taint taint : taints) {
      if (("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect()))
          && tolerations.stream().noneMatch(t -> NodeHealth.tolerates(t, taint))) {
        return false;
      }
    }
    return true;
  }

  static List<Toleration> tolerations(PodSpec spec) {
    List<Toleration> out = new ArrayList<>(spec.getTolerations() == null ? List.of()
        : spec.getTolerations());
    for (Toleration d : defaultTolerations()) {
      if (out.stream().noneMatch(t -> d.getKey().equals(t.getKey())
          && d.getEffect().equals(t.getEffect()))) {
        out.add(d);
      }
    }
    return out;
  }

  public static String hash(DaemonSet ds) {
    return TemplateHash.of(ds.getSpec().getTemplate(), ds.getStatus() == null ? null
        : ds.getStatus().getCollisionCount());
  }

  /** maxUnavailable of a RollingUpdate, a percentage of the desired count rounded up; default 1. */
  public static int maxUnavailable(DaemonSet ds, int desired) {
    var s = ds.getSpec().getUpdateStrategy();
    IntOrString v = s == null || s.getRollingUpdate() == null ? null
        : s.getRollingUpdate().getMaxUnavailable();
    if (v == null) {
      return 1;
    }
    if (v.getIntVal() != null) {
      return v.getIntVal();
    }
    String p = v.getStrVal();
    int pct = Integer.parseInt(p.substring(0, p.length() - 1));
    return Math.max(1, (int) Math.ceil(pct * desired / 100.0));
  }

  static boolean onDelete(DaemonSet ds) {
    var s = ds.getSpec().getUpdateStrategy();
    return s != null && "OnDelete".equals(s.getType());
  }

  /**
   * Creates and deletes for one sync. {@code pods} are the DaemonSet's active pods. A node that
   * should run a pod and has none gets one; extra or misplaced pods go, as do pods on nodes
   * that no longer exist; on a rolling update, old pods go while at most maxUnavailable nodes
   * lack an available pod (unavailable old pods go first, they cost nothing).
   */
  public static Plan plan(DaemonSet ds, List<Node> nodes, List<Pod> pods, Instant now) {
    String hash = hash(ds);
    int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
    Map<String, List<Pod>> byNode = byNode(pods);
    Set<String> nodeNames = new java.util.HashSet<>();
    List<String> create = new ArrayList<>();
    List<Pod> delete = new ArrayList<>();
    List<Pod> oldAvailable = new ArrayList<>();
    int desired = 0;
    int unavailable = 0;
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      nodeNames.add(name);
      List<Pod> here = byNode.getOrDefault(name, List.of());
      if (!shouldRun(ds, node)) {
        delete.addAll(here);
        continue;
      }
      desired++;
      if (here.isEmpty()) {
        create.add(name);
        unavailable++;
        continue;
      }
      // Keep one, preferring the current template and then the oldest.
      List<Pod> sorted = here.stream().sorted(Comparator
          .comparing((Pod p) -> hash.equals(label(p)) ? 0 : 1)
          .thenComparing(Pods::created)).toList();
      Pod keep = sorted.get(0);
      delete.addAll(sorted.subList(1, sorted.size()));
      boolean available = Pods.isAvailable(keep, minReady, now);
      if (!available) {
        unavailable++;
      }
      if (!hash.equals(label(keep)) && !onDelete(ds)) {
        if (!available) {
          delete.add(keep); // an unavailable old pod costs nothing to replace
        } else {
          oldAvailable.add(keep);
        }
      }
    }
    byNode.forEach((node, here) -> {
      if (!nodeNames.contains(node)) {
        delete.addAll(here);
      }
    });
    int budget = maxUnavailable(ds, desired) - unavailable;
    oldAvailable.sort(Comparator.comparing((Pod p) -> Pods.nodeName(p)));
    for (int i = 0; i < Math.min(Math.max(0, budget), oldAvailable.size()); i++) {
      delete.add(oldAvailable.get(i));
    }
    create.sort(Comparator.naturalOrder());
    return new Plan(create, delete);
  }

  static String label(Pod p) {
    return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(HASH_LABEL);
  }

  static Map<String, List<Pod>> byNode(List<Pod> pods) {
    Map<String, List<Pod>> m = new HashMap<>();
    for (Pod p : pods) {
      String n = Pods.nodeName(p);
      if (n != null) {
        m.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
      }
    }
    return m;
  }

  /** A daemon pod for one node: the template, the hash label, default tolerations, nodeName. */
  public static Pod newPod(DaemonSet ds, String node, String name) {
    var t = ds.getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>(t.getMetadata() == null
        || t.getMetadata().getLabels() == null ? Map.of() : t.getMetadata().getLabels());
    labels.put(HASH_LABEL, hash(ds));
    PodSpec spec = new PodSpecBuilder(t.getSpec()).withNodeName(node)
        .withTolerations(tolerations(t.getSpec())).build();
    return new PodBuilder().withMetadata(new ObjectMetaBuilder().withName(name)
            .withNamespace(ds.getMetadata().getNamespace()).withLabels(labels)
            .withAnnotations(t.getMetadata() == null ? null : t.getMetadata().getAnnotations())
            .withOwnerReferences(Owners.controllerRef(ds)).build())
        .withSpec(spec).build();
  }

  /** The status for these nodes and active pods. */
  public static DaemonSetStatus status(DaemonSet ds, List<Node> nodes, List<Pod> pods,
      Instant now) {
    String hash = hash(ds);
    int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
    Map<String, List<Pod>> byNode = byNode(pods);
    int desired = 0;
    int current = 0;
    int misscheduled = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    for (Node node : nodes) {
      List<Pod> here = byNode.getOrDefault(node.getMetadata().getName(), List.of());
      boolean run = shouldRun(ds, node);
      if (!run) {
        misscheduled += here.isEmpty() ? 0 : 1;
        continue;
      }
      desired++;
      if (here.isEmpty()) {
        continue;
      }
      current++;
      Pod p = here.get(0);
      ready += Pods.isReady(p) ? 1 : 0;
      available += Pods.isAvailable(p, minReady, now) ? 1 : 0;
      updated += here.stream().anyMatch(x -> hash.equals(label(x))) ? 1 : 0;
    }
    return new DaemonSetStatusBuilder()
        .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(current)
        .withNumberMisscheduled(misscheduled).withNumberReady(ready)
        .withNumberAvailable(available).withNumberUnavailable(Math.max(0, desired - available))
        .withUpdatedNumberScheduled(updated)
        .withObservedGeneration(ds.getMetadata().getGeneration())
        .withCollisionCount(ds.getStatus() == null ? null : ds.getStatus().getCollisionCount())
        .withConditions(ds.getStatus() == null ? null : ds.getStatus().getConditions())
        .build();
  }
}

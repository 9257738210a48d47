package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.kubling.controllers.Owners;
import io.kubling.controllers.Pods;
import io.kubling.controllers.Selectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/** The ReplicaSet controller's decisions, as pure functions of the RS and its pods. */
public final class ReplicaSets {
  /** At most this many creates or deletes per sync, as Kubernetes' burstReplicas. */
  public static final int BURST_REPLICAS = 500;

  private ReplicaSets() {}

  /** Kubernetes trims a generateName base so that base and suffix fit in 63 characters. */
  static final int MAX_NAME_BASE = 58;

  public static int replicas(ReplicaSet rs) {
    Integer r = rs.getSpec().getReplicas();
    return r == null ? 1 : r;
  }

  /** Positive: pods to create; negative: pods to delete; capped at {@link #BURST_REPLICAS}. */
  public static int diff(ReplicaSet rs, int activeOwned) {
    int d = replicas(rs) - activeOwned;
    return Math.max(-BURST_REPLICAS, Math.min(BURST_REPLICAS, d));
  }

  /** Slow-start batch sizes for n operations: 1, 2, 4, … until n are done. */
  public static List<Integer> slowStartBatches(int n) {
    List<Integer> out = new ArrayList<>();
    int size = 1;
    int left = n;
    while (left > 0) {
      int b = Math.min(size, left);
      out.add(b);
      left -= b;
      size *= 2;
    }
    return out;
  }

  /** Orphans that match the selector and are not terminating: the RS adopts them. */
  public static List<Pod> toAdopt(ReplicaSet rs, List<Pod> pods) {
    return pods.stream()
        .filter(p -> Owners.controllerOf(p).isEmpty() && Pods.isActive(p))
        .filter(p -> Selectors.matches(rs.getSpec().getSelector(), p.getMetadata().getLabels()))
        .toList();
  }

  /** Owned pods that stopped matching the selector: the RS releases them. */
  public static List<Pod> toRelease(ReplicaSet rs, List<Pod> pods) {
    return pods.stream().filter(p -> Owners.isControlledBy(p, rs))
        .filter(p -> !Selectors.matches(rs.getSpec().getSelector(), p.getMetadata().getLabels()))
        .toList();
  }

  /** Owned pods that still match: what the RS counts (after adoption and release). */
  public static List<Pod> owned(ReplicaSet rs, List<Pod> pods) {
    return pods.stream().filter(p -> Owners.isControlledBy(p, rs))
        .filter(p -> Selectors.matches(rs.getSpec().getSelector(), p.getMetadata().getLabels()))
        .toList();
  }

  /**
   * The n pods to delete, worst first: unscheduled before scheduled, Pending before Unknown
   * before Running, not ready before ready, newer before older (Kubernetes' ActivePods order).
   */
  public static List<Pod> podsToDelete(List<Pod> active, int n) {
    return active.stream().sorted(DELETION_ORDER).limit(Math.max(0, n)).toList();
  }

  static final Comparator<Pod> DELETION_ORDER = Comparator
      .comparing((Pod p) -> Pods.nodeName(p) == null || Pods.nodeName(p).isEmpty() ? 0 : 1)
      .thenComparing(p -> phaseRank(Pods.phase(p)))
      .thenComparing(p -> Pods.isReady(p) ? 1 : 0)
      .thenComparing(Pods::created, Comparator.reverseOrder())
      .thenComparing(p -> p.getMetadata().getName());

  private static int phaseRank(String phase) {
    if ("Pending".equals(phase) || phase == null) {
      return 0;
    }
    return "Unknown".equals(phase) ? 1 : 2;
  }

  /** The status for these active owned pods, keeping the RS's conditions. */
  public static ReplicaSetStatus status(ReplicaSet rs, List<Pod> activeOwned, Instant now) {
    int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
    Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null
        ? Map.of() : nullToEmpty(rs.getSpec().getTemplate().getMetadata().getLabels());
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (Pod p : activeOwned) {
      Map<String, String> labels = nullToEmpty(p.getMetadata().getLabels());
      if (templateLabels.entrySet().stream()
          .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
        fullyLabeled++;
      }
      if (Pods.isReady(p)) {
        ready++;
      }
      if (Pods.isAvailable(p, minReady, now)) {
        available++;
      }
    }
    return new ReplicaSetStatusBuilder()
        .withReplicas(activeOwned.size())
        .withFullyLabeledReplicas(fullyLabeled)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .withObservedGeneration(rs.getMetadata().getGeneration())
        .withConditions(rs.getStatus() == null ? null : rs.getStatus().getConditions())
        .build();
  }

  /** Whether a status write would change anything (absent counts read as 0). */
  public static boolean statusDiffers(ReplicaSetStatus a, ReplicaSetStatus b) {
    if (a == null) {
      return true;
    }
    return n(a.getReplicas()) != n(b.getReplicas())
        || n(a.getFullyLabeledReplicas()) != n(b.getFullyLabeledReplicas())
        || n(a.getReadyReplicas()) != n(b.getReadyReplicas())
        || n(a.getAvailableReplicas()) != n(b.getAvailableReplicas())
        || !Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
  }

  /** A new pod from the RS's template, named and owned by the RS. */
  /**
   * Names for {@code n} new pods: the set's name and a dash (trimmed as Kubernetes trims a
   * generateName), then a suffix; none already taken by a pod of the namespace and none twice.
   * Kubernetes lets the API server draw the name; drawing it here lets the expectations wait
   * for that very pod, and skipping taken names keeps a five-character collision (about one
   * in 30 scale-ups to 1,000) from failing the sync with AlreadyExists.
   */
  public static List<String> newPodNames(String setName, int n, Set<String> taken,
      Supplier<String> suffixes) {
    String base = setName + "-";
    if (base.length() > MAX_NAME_BASE) {
      base = base.substring(0, MAX_NAME_BASE);
    }
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    // Bounded: a suffix source that keeps repeating itself is a bug, not a reason to spin.
    for (long draws = 0; names.size() < n; draws++) {
      if (draws > 100L * n + 100) {
        throw new IllegalStateException("no free pod name for " + setName + " after " + draws
            + " draws");
      }
      String name = base + suffixes.get();
      if (!taken.contains(name)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * Whether {@code existing}, found under the name of a pod this set just tried to create, is
   * that pod: controlled by the same set. fabric8 sends a create again when its answer was
   * lost, and the second try then finds what the first one made.
   */
  public static boolean sameController(Pod existing, Pod wanted) {
    return existing != null && Owners.controllerOf(wanted).map(OwnerReference::getUid)
        .equals(Owners.controllerOf(existing).map(OwnerReference::getUid));
  }

  public static Pod newPod(ReplicaSet rs, String name) {
    PodTemplateSpec t = rs.getSpec().getTemplate();
    ObjectMetaBuilder meta = new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(rs.getMetadata().getNamespace())
        .withOwnerReferences(Owners.controllerRef(rs));
    if (t.getMetadata() != null) {
      meta.withLabels(copy(t.getMetadata().getLabels()))
          .withAnnotations(copy(t.getMetadata().getAnnotations()))
          .withFinalizers(t.getMetadata().getFinalizers());
    }
    return new PodBuilder().withMetadata(meta.build())
        .withSpec(new PodSpecBuilder(t.getSpec()).build()).build();
  }

  /** ownerReferences with a controller reference to rs added. */
  public static List<OwnerReference> adopted(Pod pod, ReplicaSet rs) {
    List<OwnerReference> refs = new ArrayList<>(pod.getMetadata().getOwnerReferences() == null
        ? List.of() : pod.getMetadata().getOwnerReferences());
    refs.add(Owners.controllerRef(rs));
    return refs;
  }

  /** ownerReferences without the reference to rs. */
  public static List<OwnerReference> released(Pod pod, ReplicaSet rs) {
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(r -> !r.getUid().equals(rs.getMetadata().getUid())).toList();
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }

  private static Map<String, String> nullToEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private static Map<String, String> copy(Map<String, String> m) {
    return m == null ? null : new HashMap<>(m);
  }
}

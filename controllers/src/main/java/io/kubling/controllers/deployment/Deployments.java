package io.kubling.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Deployment controller's arithmetic: surge, unavailability, scaling steps, revisions. */
public final class Deployments {
  public static final String REVISION = "deployment.kubernetes.io/revision";
  public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  private Deployments() {}

  public static int replicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  public static boolean isRecreate(Deployment d) {
    return d.getSpec().getStrategy() != null
        && "Recreate".equals(d.getSpec().getStrategy().getType());
  }

  /** maxSurge as a number: percentages of replicas round up; default 25%. */
  public static int maxSurge(Deployment d) {
    if (isRecreate(d)) {
      return 0;
    }
    int surge = resolve(rolling(d, true), replicas(d), true);
    int unavailable = resolve(rolling(d, false), replicas(d), false);
    return surge == 0 && unavailable == 0 ? 0 : surge;
  }

  /** maxUnavailable as a number: percentages round down; never 0 together with a 0 surge. */
  public static int maxUnavailable(Deployment d) {
    if (isRecreate(d)) {
      return 0;
    }
    int surge = resolve(rolling(d, true), replicas(d), true);
    int unavailable = resolve(rolling(d, false), replicas(d), false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1; // otherwise the rollout could never move
    }
    return Math.min(unavailable, replicas(d));
  }

  private static IntOrString rolling(Deployment d, boolean surge) {
    var s = d.getSpec().getStrategy();
    var ru = s == null ? null : s.getRollingUpdate();
    IntOrString v = ru == null ? null : surge ? ru.getMaxSurge() : ru.getMaxUnavailable();
    return v == null ? new IntOrString("25%") : v;
  }

  /** An IntOrString against a total: "30%" of 10 is 3; a number is itself. */
  public static int resolve(IntOrString v, int total, boolean roundUp) {
    if (v.getIntVal() != null) {
      return v.getIntVal();
    }
    String s = v.getStrVal();
    if (!s.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: " + s);
    }
    double pct = Integer.parseInt(s.substring(0, s.length() - 1)) * total / 100.0;
    return (int) (roundUp ? Math.ceil(pct) : Math.floor(pct));
  }

  /** Sum of spec.replicas over ReplicaSets. */
  public static int specReplicas(List<ReplicaSet> rss) {
    return rss.stream().mapToInt(rs -> rs.getSpec().getReplicas() == null ? 0
        : rs.getSpec().getReplicas()).sum();
  }

  public static int available(List<ReplicaSet> rss) {
    return rss.stream().mapToInt(rs -> rs.getStatus() == null
        || rs.getStatus().getAvailableReplicas() == null ? 0
        : rs.getStatus().getAvailableReplicas()).sum();
  }

  /**
   * The new ReplicaSet's replicas in a rolling update: grow it while the total stays within
   * replicas + maxSurge (Kubernetes' NewRSNewReplicas).
   */
  public static int newReplicaSetReplicas(Deployment d, int allSpecReplicas, int newSpecReplicas) {
    if (isRecreate(d)) {
      return replicas(d);
    }
    int maxTotal = replicas(d) + maxSurge(d);
    if (allSpecReplicas >= maxTotal) {
      return newSpecReplicas;
    }
    int scaleUp = Math.min(maxTotal - allSpecReplicas, replicas(d) - newSpecReplicas);
    return newSpecReplicas + Math.max(0, scaleUp);
  }

  /**
   * New spec.replicas for old ReplicaSets in a rolling update, keeping at least
   * replicas − maxUnavailable available: first drop old pods that are not available, then
   * scale old sets down by what the available count allows, oldest first (Kubernetes'
   * reconcileOldReplicaSets). Only changed sets appear in the result.
   */
  public static Map<String, Integer> oldReplicaSetsScaleDown(Deployment d, ReplicaSet newRs,
      List<ReplicaSet> oldRss) {
    List<ReplicaSet> all = new ArrayList<>(oldRss);
    if (newRs != null) {
      all.add(newRs);
    }
    int minAvailable = replicas(d) - maxUnavailable(d);
    int newUnavailable = newRs == null ? 0
        : spec(newRs) - available(List.of(newRs));
    int maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
    Map<String, Integer> out = new LinkedHashMap<>();
    if (maxScaledDown <= 0) {
      return out;
    }
    List<ReplicaSet> oldest = oldRss.stream().sorted(Comparator.comparing(
        (ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp() == null ? ""
            : rs.getMetadata().getCreationTimestamp())
        .thenComparing(rs -> rs.getMetadata().getName())).toList();
    Map<String, Integer> spec = new LinkedHashMap<>();
    oldest.forEach(rs -> spec.put(rs.getMetadata().getName(), spec(rs)));
    // 1: unhealthy old replicas go first, they cost no availability
    int cleaned = 0;
    for (ReplicaSet rs : oldest) {
      int s = spec.get(rs.getMetadata().getName());
      int unhealthy = s - available(List.of(rs));
      if (cleaned >= maxScaledDown || s == 0 || unhealthy <= 0) {
        continue;
      }
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      spec.put(rs.getMetadata().getName(), s - down);
      cleaned += down;
    }
    // 2: then available ones, as far as minAvailable allows
    int availableNow = available(all);
    int total = availableNow - minAvailable;
    int done = 0;
    for (ReplicaSet rs : oldest) {
      if (done >= total) {
        break;
      }
      int s = spec.get(rs.getMetadata().getName());
      if (s == 0) {
        continue;
      }
      int down = Math.min(s, total - done);
      spec.put(rs.getMetadata().getName(), s - down);
      done += down;
    }
    for (ReplicaSet rs : oldest) {
      int s = spec.get(rs.getMetadata().getName());
      if (s != spec(rs)) {
        out.put(rs.getMetadata().getName(), s);
      }
    }
    return out;
  }

  public static int spec(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
  }

  public static long revision(ReplicaSet rs) {
    Map<String, String> a = rs.getMetadata().getAnnotations();
    String r = a == null ? null : a.get(REVISION);
    try {
      return r == null ? 0 : Long.parseLong(r);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public static long maxRevision(List<ReplicaSet> rss) {
    return rss.stream().mapToLong(Deployments::revision).max().orElse(0);
  }

  /**
   * The new ReplicaSet's revision: kept if it is already the newest, else one past the
   * newest old one — so a rollback to an old template makes that old set the newest revision.
   */
  public static long newRevision(ReplicaSet newRs, List<ReplicaSet> oldRss) {
    long maxOld = maxRevision(oldRss);
    long current = newRs == null ? 0 : revision(newRs);
    return current > maxOld ? current : maxOld + 1;
  }

  /** Old sets to delete beyond revisionHistoryLimit (default 10): empty ones, oldest revision first. */
  public static List<ReplicaSet> historyToDelete(Deployment d, List<ReplicaSet> oldRss) {
    int limit = d.getSpec().getRevisionHistoryLimit() == null ? 10
        : d.getSpec().getRevisionHistoryLimit();
    List<ReplicaSet> empty = oldRss.stream()
        .filter(rs -> spec(rs) == 0 && (rs.getStatus() == null
            || rs.getStatus().getReplicas() == null || rs.getStatus().getReplicas() == 0))
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparingLong(Deployments::revision)).toList();
    int excess = oldRss.size() - limit;
    return excess <= 0 ? List.of() : empty.subList(0, Math.min(excess, empty.size()));
  }
}

package io.kubling.scheduler.framework.plugins.tainttoleration;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.ScorePlugin;
import io.kubling.scheduler.framework.Status;
import java.util.List;

/**
 * Keeps pods off nodes with NoSchedule or NoExecute taints they do not tolerate, and prefers
 * nodes with fewer untolerated PreferNoSchedule taints.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {
  public static final String NAME = "TaintToleration";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(PodInfo pod, NodeInfo node) {
    Taint t = firstUntolerated(node.taints(), pod.tolerations());
    return t == null ? Status.SUCCESS : Status.unschedulable(NAME, reason(t));
  }

  @Override
  public long score(PodInfo pod, NodeInfo node) {
    return countIntolerablePreferNoSchedule(node.taints(), pod.tolerations());
  }

  @Override
  public void normalize(PodInfo pod, long[] scores) {
    ScorePlugin.defaultNormalize(scores, true);
  }

  /** Kubernetes' wording: {@code node(s) had untolerated taint {spray: mortein}}. */
  public static String reason(Taint t) {
    return "node(s) had untolerated taint {" + t.getKey() + ": "
        + (t.getValue() == null ? "" : t.getValue()) + "}";
  }

  /** The first NoSchedule or NoExecute taint, in the node's order, that no toleration covers. */
  public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations) {
    for (Taint t : taints) {
      if (("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
          && !toleratedByAny(t, tolerations)) {
        return t;
      }
    }
    return null;
  }

  /** PreferNoSchedule taints not covered by a toleration of effect PreferNoSchedule or any. */
  public static int countIntolerablePreferNoSchedule(List<Taint> taints,
      List<Toleration> tolerations) {
    int count = 0;
    for (Taint t : taints) {
      if (!"PreferNoSchedule".equals(t.getEffect())) {
        continue;
      }
      boolean tolerated = false;
      for (Toleration tol : tolerations) {
        String effect = tol.getEffect();
        if ((effect == null || effect.isEmpty() || "PreferNoSchedule".equals(effect))
            && tolerates(tol, t)) {
          tolerated = true;
          break;
        }
      }
      if (!tolerated) {
        count++;
      }
    }
    return count;
  }

  public static boolean toleratedByAny(Taint taint, List<Toleration> tolerations) {
    for (Toleration tol : tolerations) {
      if (tolerates(tol, taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Kubernetes' Toleration.ToleratesTaint: effects and keys match when the toleration leaves
   * them empty; Exists ignores the value, Equal (the default) compares it.
   */
  public static boolean tolerates(Toleration tol, Taint taint) {
    if (!empty(tol.getEffect()) && !tol.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (!empty(tol.getKey()) && !tol.getKey().equals(taint.getKey())) {
      return false;
    }
    String op = empty(tol.getOperator()) ? "Equal" : tol.getOperator();
    return switch (op) {
      case "Exists" -> true;
      case "Equal" -> nullToEmpty(tol.getValue()).equals(nullToEmpty(taint.getValue()));
      default -> false;
    };
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}

package io.kubling.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Node lifecycle's decisions: silent or not, the taints, the conditions, when to evict a pod. */
public final class NodeHealth {
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  private NodeHealth() {}

  /** Silent: no heartbeat observed for longer than the grace period. */
  public static boolean silent(Instant lastObserved, Instant now, Duration grace) {
    return lastObserved.plus(grace).isBefore(now);
  }

  /** The taints with the unreachable NoExecute taint added (stamped now) or removed. */
  public static List<Taint> taints(List<Taint> current, boolean unreachable, Instant now) {
    List<Taint> out = new ArrayList<>();
    boolean present = false;
    for (Taint t : current == null ? List.<Taint>of() : current) {
      if (UNREACHABLE.equals(t.getKey()) && "NoExecute".equals(t.getEffect())) {
        present = true;
        if (!unreachable) {
          continue;
        }
      }
      out.add(t);
    }
    if (unreachable && !present) {
      out.add(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoExecute")
          .withTimeAdded(now.truncatedTo(ChronoUnit.SECONDS).toString()).build());
    }
    return out;
  }

  public static Optional<Taint> unreachableTaint(List<Taint> taints) {
    return taints == null ? Optional.empty() : taints.stream()
        .filter(t -> UNREACHABLE.equals(t.getKey()) && "NoExecute".equals(t.getEffect()))
        .findFirst();
  }

  /**
   * Conditions with every kubelet-owned condition set to Unknown, as Kubernetes does when the
   * kubelet stops posting; Ready gets one if the node never had it.
   */
  public static List<NodeCondition> unknownConditions(List<NodeCondition> current, Instant now) {
    String t = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<NodeCondition> out = new ArrayList<>();
    boolean ready = false;
    for (NodeCondition c : current == null ? List.<NodeCondition>of() : current) {
      ready |= "Ready".equals(c.getType());
      if ("Unknown".equals(c.getStatus())) {
        out.add(c);
      } else {
        out.add(new NodeConditionBuilder(c).withStatus("Unknown").withReason("NodeStatusUnknown")
            .withMessage("Kubelet stopped posting node status.").withLastTransitionTime(t).build());
      }
    }
    if (!ready) {
      out.add(new NodeConditionBuilder().withType("Ready").withStatus("Unknown")
          .withReason("NodeStatusNeverUpdated").withMessage("Kubelet never posted node status.")
          .withLastTransitionTime(t).withLastHeartbeatTime(t).build());
    }
    return out;
  }

  public static boolean readyUnknown(List<NodeCondition> conditions) {
    return conditions != null && conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "Unknown".equals(c.getStatus()));
  }

  /**
   * When a pod on an unreachable node is evicted: at once if it does not tolerate the taint,
   * never if it tolerates it without limit, else after its tolerationSeconds — or, with no
   * toleration of its own, after the default (what DefaultTolerationSeconds would have added).
   */
  public static Optional<Instant> evictAt(Pod pod, Taint taint, Duration defaultToleration) {
    Instant added = taint.getTimeAdded() == null ? Instant.EPOCH : Instant.parse(taint.getTimeAdded());
    List<Toleration> ts = pod.getSpec().getTolerations();
    if (ts == null || ts.stream().noneMatch(t -> mentionsKey(t, taint))) {
      return Optional.of(added.plus(defaultToleration));
    }
    Long longest = null;
    for (Toleration t : ts) {
      if (tolerates(t, taint)) {
        if (t.getTolerationSeconds() == null) {
          return Optional.empty();
        }
        longest = longest == null ? t.getTolerationSeconds() : Math.max(longest, t.getTolerationSeconds());
      }
    }
    return Optional.of(longest == null ? added : added.plusSeconds(Math.max(0, longest)));
  }

  private static boolean mentionsKey(Toleration t, Taint taint) {
    return t.getKey() == null || t.getKey().isEmpty() || taint.getKey().equals(t.getKey());
  }

  /** Kubernetes' ToleratesTaint. */
  public static boolean tolerates(Toleration t, Taint taint) {
    if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (t.getKey() != null && !t.getKey().isEmpty() && !t.getKey().equals(taint.getKey())) {
      return false;
    }
    String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
    if ("Exists".equals(op)) {
      return true;
    }
    String v = t.getValue() == null ? "" : t.getValue();
    String tv = taint.getValue() == null ? "" : taint.getValue();
    return "Equal".equals(op) && v.equals(tv);
  }
}

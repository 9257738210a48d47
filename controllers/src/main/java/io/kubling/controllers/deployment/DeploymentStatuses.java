package io.kubling.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A Deployment's status and its Available and Progressing conditions. */
public final class DeploymentStatuses {
  private DeploymentStatuses() {}

  public static DeploymentStatus status(Deployment d, ReplicaSet newRs, List<ReplicaSet> all,
      Instant now) {
    int replicas = sum(all, "replicas");
    int updated = newRs == null ? 0 : sum(List.of(newRs), "replicas");
    int ready = sum(all, "ready");
    int available = sum(all, "available");
    DeploymentStatus prev = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    DeploymentStatus s = new DeploymentStatusBuilder()
        .withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .withUnavailableReplicas(Math.max(0, Deployments.replicas(d) - available))
        .withCollisionCount(prev.getCollisionCount())
        .build();
    List<DeploymentCondition> conditions = new ArrayList<>();
    boolean minAvailable = available >= Deployments.replicas(d) - Deployments.maxUnavailable(d);
    conditions.add(condition(prev, "Available", minAvailable ? "True" : "False",
        minAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        minAvailable ? "Deployment has minimum availability."
            : "Deployment does not have minimum availability.", now, false));
    conditions.add(progressing(d, prev, s, newRs, now));
    s.setConditions(conditions);
    return s;
  }

  /** Complete: every replica updated and available, no old pods left. */
  public static boolean complete(Deployment d, DeploymentStatus s) {
    int want = Deployments.replicas(d);
    return s.getUpdatedReplicas() == want && s.getReplicas() == want
        && s.getAvailableReplicas() == want
        && Objects.equals(s.getObservedGeneration(), d.getMetadata().getGeneration());
  }

  static DeploymentCondition progressing(Deployment d, DeploymentStatus prev, DeploymentStatus s,
      ReplicaSet newRs, Instant now) {
    String rsName = newRs == null ? "" : newRs.getMetadata().getName();
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      return condition(prev, "Progressing", "Unknown", "DeploymentPaused",
          "Deployment is paused", now, false);
    }
    if (newRs != null && complete(d, s)) {
      return condition(prev, "Progressing", "True", "NewReplicaSetAvailable",
          "ReplicaSet \"" + rsName + "\" has successfully progressed.", now, false);
    }
    boolean moved = !Objects.equals(prev.getReplicas(), s.getReplicas())
        || !Objects.equals(prev.getUpdatedReplicas(), s.getUpdatedReplicas())
        || !Objects.equals(prev.getReadyReplicas(), s.getReadyReplicas())
        || !Objects.equals(prev.getAvailableReplicas(), s.getAvailableReplicas())
        || !Objects.equals(prev.getObservedGeneration(), s.getObservedGeneration());
    DeploymentCondition old = find(prev, "Progressing");
    if (moved || old == null || "NewReplicaSetAvailable".equals(old.getReason())
        || "DeploymentPaused".equals(old.getReason())) {
      return condition(prev, "Progressing", "True", "ReplicaSetUpdated",
          "ReplicaSet \"" + rsName + "\" is progressing.", now, true);
    }
    Integer deadline = d.getSpec().getProgressDeadlineSeconds();
    Instant last = old.getLastUpdateTime() == null ? now : Instant.parse(old.getLastUpdateTime());
    if (deadline != null && last.plusSeconds(deadline).isBefore(now)) {
      return condition(prev, "Progressing", "False", "ProgressDeadlineExceeded",
          "ReplicaSet \"" + rsName + "\" has timed out progressing.", now, false);
    }
    return old;
  }

  /** A condition keeping its transition time when its status stays, and update time unless bumped. */
  static DeploymentCondition condition(DeploymentStatus prev, String type, String status,
      String reason, String message, Instant now, boolean bumpUpdate) {
    DeploymentCondition old = find(prev, type);
    String t = now.truncatedTo(ChronoUnit.SECONDS).toString();
    boolean same = old != null && status.equals(old.getStatus());
    boolean sameReason = same && reason.equals(old.getReason());
    return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(same ? old.getLastTransitionTime() : t)
        .withLastUpdateTime(sameReason && !bumpUpdate ? old.getLastUpdateTime() : t)
        .build();
  }

  static DeploymentCondition find(DeploymentStatus s, String type) {
    return s.getConditions() == null ? null : s.getConditions().stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /** Whether writing s would change anything but condition timestamps bumped for nothing. */
  public static boolean differs(DeploymentStatus have, DeploymentStatus want) {
    return have == null || !Objects.equals(have, want);
  }

  private static int sum(List<ReplicaSet> rss, String field) {
    int n = 0;
    for (ReplicaSet rs : rss) {
      var st = rs.getStatus();
      if (st == null) {
        continue;
      }
      Integer v = switch (field) {
        case "replicas" -> st.getReplicas();
        case "ready" -> st.getReadyReplicas();
        default -> st.getAvailableReplicas();
      };
      n += v == null ? 0 : v;
    }
    return n;
  }
}

package io.kubling.controllers.deployment;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import io.kubling.controllers.Owners;
import io.kubling.controllers.TemplateHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a Deployment out: one ReplicaSet per pod template (named and labelled with its
 * pod-template-hash), scaled by RollingUpdate or Recreate, with revisions, history cleanup,
 * pause, and the Available and Progressing conditions.
 */
public final class DeploymentReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(DeploymentReconciler.class);

  private final DeploymentApi api;
  private final Clock clock;

  public DeploymentReconciler(DeploymentApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  @Override
  public Result reconcile(String key) {
    String[] k = key.split("/", 2);
    Optional<Deployment> found = api.deployment(k[0], k[1]);
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
      return Result.done();
    }
    Deployment d = found.get();
    if (d.getSpec().getSelector() == null) {
      log.atWarn().addKeyValue("deployment", key).log("no selector; skipped");
      return Result.done();
    }
    List<ReplicaSet> owned = api.replicaSets(k[0]).stream()
        .filter(rs -> Owners.isControlledBy(rs, d))
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList();
    ReplicaSet newRs = owned.stream()
        .filter(rs -> TemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(),
            d.getSpec().getTemplate())).findFirst().orElse(null);
    List<ReplicaSet> old = owned.stream().filter(rs -> rs != newRs).toList();
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());

    if (!paused) {
      if (newRs == null) {
        int replicas = Deployments.isRecreate(d) ? 0
            : Deployments.newReplicaSetReplicas(d, Deployments.specReplicas(old), 0);
        ReplicaSet created = newReplicaSet(d, Deployments.newRevision(null, old), replicas);
        if (!api.createReplicaSet(created)) {
          return Result.requeue(); // exists already; the cache will show it
        }
        log.atInfo().addKeyValue("deployment", key)
            .addKeyValue("replicaset", created.getMetadata().getName()).log("new replica set");
        return Result.done(); // the new set's event brings the next step
      }
      long revision = Deployments.newRevision(newRs, old);
      if (revision != Deployments.revision(newRs)) {
        // A rollback: the old template is current again and becomes the newest revision.
        api.updateReplicaSet(newRs, Deployments.spec(newRs),
            Map.of(Deployments.REVISION, Long.toString(revision)));
      }
      if (Deployments.isRecreate(d)) {
        recreate(d, newRs, old);
      } else {
        rollingUpdate(d, newRs, old);
      }
      for (ReplicaSet rs : Deployments.historyToDelete(d, old)) {
        api.deleteReplicaSet(rs);
      }
      String rev = Long.toString(revision);
      Map<String, String> da = d.getMetadata().getAnnotations();
      if (da == null || !rev.equals(da.get(Deployments.REVISION))) {
        api.annotateDeployment(d, Map.of(Deployments.REVISION, rev));
      }
    }
    List<ReplicaSet> all = new ArrayList<>(old);
    if (newRs != null) {
      all.add(newRs);
    }
    Instant now = clock.instant();
    DeploymentStatus status = DeploymentStatuses.status(d, newRs, all, now);
    if (DeploymentStatuses.differs(d.getStatus(), status)) {
      api.updateStatus(d, status);
    }
    Integer deadline = d.getSpec().getProgressDeadlineSeconds();
    if (!paused && deadline != null && !DeploymentStatuses.complete(d, status)) {
      return Result.requeueAfter(Duration.ofSeconds(Math.min(deadline, 10)));
    }
    return Result.done();
  }

  private void rollingUpdate(Deployment d, ReplicaSet newRs, List<ReplicaSet> old) {
    List<ReplicaSet> all = new ArrayList<>(old);
    all.add(newRs);
    int want = Deployments.newReplicaSetReplicas(d, Deployments.specReplicas(all),
        Deployments.spec(newRs));
    if (want != Deployments.spec(newRs)) {
      api.updateReplicaSet(newRs, want, null);
      return; // scale down on the next pass, from fresh numbers
    }
    if (!all.stream().allMatch(DeploymentReconciler::synced)) {
      return; // availability from a set whose status lags its spec could overstate it
    }
    Map<String, Integer> down = Deployments.oldReplicaSetsScaleDown(d, newRs, old);
    for (ReplicaSet rs : old) {
      Integer n = down.get(rs.getMetadata().getName());
      if (n != null) {
        api.updateReplicaSet(rs, n, null);
      }
    }
    // Without a rollout (only a replica change), the new set follows the Deployment down.
    if (old.stream().allMatch(rs -> Deployments.spec(rs) == 0)
        && Deployments.spec(newRs) > Deployments.replicas(d)) {
      api.updateReplicaSet(newRs, Deployments.replicas(d), null);
    }
  }

  static boolean synced(ReplicaSet rs) {
    return rs.getStatus() != null && rs.getStatus().getObservedGeneration() != null
        && rs.getStatus().getObservedGeneration() >= rs.getMetadata().getGeneration();
  }

  private void recreate(Deployment d, ReplicaSet newRs, List<ReplicaSet> old) {
    boolean oldRunning = false;
    for (ReplicaSet rs : old) {
      if (Deployments.spec(rs) > 0) {
        api.updateReplicaSet(rs, 0, null);
        oldRunning = true;
      } else if (rs.getStatus() != null && rs.getStatus().getReplicas() != null
          && rs.getStatus().getReplicas() > 0) {
        oldRunning = true;
      }
    }
    if (!oldRunning && Deployments.spec(newRs) != Deployments.replicas(d)) {
      api.updateReplicaSet(newRs, Deployments.replicas(d), null);
    }
  }

  /** The ReplicaSet for the Deployment's current template, at a revision. */
  static ReplicaSet newReplicaSet(Deployment d, long revision, int replicas) {
    String hash = TemplateHash.of(d.getSpec().getTemplate(), d.getStatus() == null ? null
        : d.getStatus().getCollisionCount());
    PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate())
        .editOrNewMetadata().addToLabels(TemplateHash.LABEL, hash).endMetadata().build();
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    Map<String, String> annotations = new HashMap<>();
    annotations.put(Deployments.REVISION, Long.toString(revision));
    Map<String, String> da = d.getMetadata().getAnnotations();
    if (da != null && da.containsKey(Deployments.CHANGE_CAUSE)) {
      annotations.put(Deployments.CHANGE_CAUSE, da.get(Deployments.CHANGE_CAUSE));
    }
    return new ReplicaSetBuilder().withNewMetadata()
        .withName(d.getMetadata().getName() + "-" + hash)
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(labels).withAnnotations(annotations)
        .withOwnerReferences(Owners.controllerRef(d)).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withMinReadySeconds(d.getSpec().getMinReadySeconds())
        .withSelector(new LabelSelectorBuilder(d.getSpec().getSelector())
            .addToMatchLabels(TemplateHash.LABEL, hash).build())
        .withTemplate(template).endSpec().build();
  }
}

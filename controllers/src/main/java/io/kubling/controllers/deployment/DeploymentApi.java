package io.kubling.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the Deployment controller reads (caches) and writes. */
public interface DeploymentApi {
  Optional<Deployment> deployment(String namespace, String name);

  /** ReplicaSets of the namespace, from the cache. */
  List<ReplicaSet> replicaSets(String namespace);

  /** Creates it; returns false when one of that name exists already. */
  boolean createReplicaSet(ReplicaSet rs);

  /** Sets spec.replicas and merges annotations (null: leave). */
  void updateReplicaSet(ReplicaSet rs, int replicas, Map<String, String> annotations);

  void deleteReplicaSet(ReplicaSet rs);

  /** Merges annotations into the Deployment's metadata. */
  void annotateDeployment(Deployment d, Map<String, String> annotations);

  void updateStatus(Deployment d, DeploymentStatus status);
}

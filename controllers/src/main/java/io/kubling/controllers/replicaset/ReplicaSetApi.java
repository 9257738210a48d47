package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.List;
import java.util.Optional;

/** What the ReplicaSet controller reads (informer caches) and writes (the API). */
public interface ReplicaSetApi {
  Optional<ReplicaSet> replicaSet(String namespace, String name);

  /** All pods of the namespace in the cache. */
  List<Pod> pods(String namespace);

  /** One pod from the cache, or null. */
  Pod pod(String namespace, String name);

  void createPod(Pod pod);

  /** Deletes a pod (gracefully, as the API server decides); NotFound counts as success. */
  void deletePod(String namespace, String name);

  /** Sets a pod's ownerReferences (adopt or release), guarded by its resourceVersion. */
  void setOwnerReferences(Pod pod, List<OwnerReference> refs);

  void updateStatus(ReplicaSet rs, ReplicaSetStatus status);
}

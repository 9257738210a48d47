package io.kubling.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;
import java.util.Optional;

/** What the DaemonSet controller reads (caches) and writes. */
public interface DaemonSetApi {
  Optional<DaemonSet> daemonSet(String namespace, String name);

  List<Node> nodes();

  List<Pod> pods(String namespace);

  Pod pod(String namespace, String name);

  void createPod(Pod pod);

  /** Deletes a pod; force (grace 0) for pods whose node is gone and will never finish them. */
  void deletePod(Pod pod, boolean force);

  void updateStatus(DaemonSet ds, DaemonSetStatus status);
}

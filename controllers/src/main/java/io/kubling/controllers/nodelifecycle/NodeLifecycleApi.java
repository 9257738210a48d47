package io.kubling.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Optional;

/** What node lifecycle reads (node, lease and pod caches) and writes. */
public interface NodeLifecycleApi {
  Optional<Node> node(String name);

  /** The node's Lease in kube-node-lease. */
  Optional<Lease> lease(String node);

  /** Active pods bound to the node. */
  List<Pod> podsOn(String node);

  void setTaints(Node node, List<Taint> taints);

  void setConditions(Node node, List<NodeCondition> conditions);

  void evict(Pod pod);
}

package io.kubling.scheduler.framework;

/** Decides whether a pod may run on a node; a pure function of the pod and the node's info. */
public interface FilterPlugin extends Plugin {
  Status filter(PodInfo pod, NodeInfo node);

  /**
   * True when this filter passes every node for this pod, so it need not run node by node
   * (Kubernetes' PreFilter returning Skip): a pod without host ports, say, never clashes.
   */
  default boolean skipFilter(PodInfo pod) {
    return false;
  }
}

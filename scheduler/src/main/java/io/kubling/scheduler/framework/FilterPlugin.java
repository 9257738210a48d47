package io.kubling.scheduler.framework;

/** Decides whether a pod may run on a node; a pure function of the pod and the node's info. */
public interface FilterPlugin extends Plugin {
  Status filter(PodInfo pod, NodeInfo node);
}

package io.kubling.scheduler.framework.plugins.nodename;

import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Status;

/** Keeps a pod that names its node (spec.nodeName) off every other node. */
public final class NodeName implements FilterPlugin {
  public static final String NAME = "NodeName";
  public static final String REASON = "node(s) didn't match the requested node name";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean skipFilter(PodInfo pod) {
    return pod.nodeName().isEmpty();
  }

  @Override
  public Status filter(PodInfo pod, NodeInfo node) {
    return fits(pod.nodeName(), node.name()) ? Status.SUCCESS : Status.unschedulable(NAME, REASON);
  }

  static boolean fits(String requested, String node) {
    return requested.isEmpty() || requested.equals(node);
  }
}

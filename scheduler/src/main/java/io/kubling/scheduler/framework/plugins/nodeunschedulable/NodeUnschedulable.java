package io.kubling.scheduler.framework.plugins.nodeunschedulable;

import io.fabric8.kubernetes.api.model.Taint;
import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Status;
import io.kubling.scheduler.framework.plugins.tainttoleration.TaintToleration;

/** Keeps pods off cordoned nodes (spec.unschedulable), unless they tolerate the cordon taint. */
public final class NodeUnschedulable implements FilterPlugin {
  public static final String NAME = "NodeUnschedulable";
  public static final String REASON = "node(s) were unschedulable";
  static final Taint UNSCHEDULABLE_TAINT =
      new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(PodInfo pod, NodeInfo node) {
    if (!node.unschedulable()
        || TaintToleration.toleratedByAny(UNSCHEDULABLE_TAINT, pod.tolerations())) {
      return Status.SUCCESS;
    }
    return Status.unschedulable(NAME, REASON);
  }
}

package io.kubling.scheduler.framework.plugins.nodeready;

import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Status;

/**
 * Keeps pods off nodes whose Ready condition is False or Unknown (Kubernetes' former
 * CheckNodeCondition predicate). A node that reports no Ready condition yet is not refused,
 * as that predicate did not; the not-ready taint covers nodes a node controller watches.
 */
public final class NodeReady implements FilterPlugin {
  public static final String NAME = "NodeReady";
  public static final String REASON = "node(s) were not ready";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(PodInfo pod, NodeInfo node) {
    return node.ready() ? Status.SUCCESS : Status.unschedulable(NAME, REASON);
  }
}

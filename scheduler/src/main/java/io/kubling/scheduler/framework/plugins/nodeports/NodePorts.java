package io.kubling.scheduler.framework.plugins.nodeports;

import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.HostPort;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Status;
import java.util.Set;

/** Keeps a pod off nodes where a host port it asks for is already taken. */
public final class NodePorts implements FilterPlugin {
  public static final String NAME = "NodePorts";
  public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean skipFilter(PodInfo pod) {
    return pod.hostPorts().isEmpty();
  }

  @Override
  public Status filter(PodInfo pod, NodeInfo node) {
    for (HostPort hp : pod.hostPorts()) {
      if (conflicts(hp, node.usedIps(hp.protocolPort()))) {
        return Status.unschedulable(NAME, REASON);
      }
    }
    return Status.SUCCESS;
  }

  /**
   * Kubernetes' HostPortInfo.CheckConflict: 0.0.0.0 clashes with any use of the protocol and
   * port; a specific IP clashes with itself and with 0.0.0.0.
   */
  static boolean conflicts(HostPort wanted, Set<String> usedIps) {
    if (usedIps.isEmpty()) {
      return false;
    }
    if (HostPort.ANY_IP.equals(wanted.ip())) {
      return true;
    }
    return usedIps.contains(wanted.ip()) || usedIps.contains(HostPort.ANY_IP);
  }
}

package io.kubling.agent.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pod traffic across nodes as flannel's host-gw backend does it: every node routes each other
 * node's podCIDR via that node's InternalIP. The routes are a pure function of the nodes.
 */
public final class HostGwRoutes {
  private HostGwRoutes() {}

  /** podCIDR to InternalIP for every other node that has both, sorted by CIDR. */
  public static Map<String, String> routes(String self, List<Node> nodes) {
    Map<String, String> routes = new TreeMap<>();
    for (Node n : nodes) {
      if (n.getMetadata().getName().equals(self) || n.getSpec() == null
          || n.getSpec().getPodCIDR() == null || n.getStatus() == null
          || n.getStatus().getAddresses() == null) {
        continue;
      }
      for (NodeAddress a : n.getStatus().getAddresses()) {
        if ("InternalIP".equals(a.getType())) {
          routes.put(n.getSpec().getPodCIDR(), a.getAddress());
          break;
        }
      }
    }
    return routes;
  }
}

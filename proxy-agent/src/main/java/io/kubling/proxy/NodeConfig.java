package io.kubling.proxy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the rules need to know of the node they run on.
 *
 * @param nodeName this node's name (endpoints on it are local)
 * @param nodeIPs every IP of this node that accepts NodePort traffic
 * @param clusterCIDR the pod network; traffic from outside it to a ClusterIP is masqueraded
 * @param serviceCIDR the ClusterIP range
 */
public record NodeConfig(String nodeName, List<String> nodeIPs, String clusterCIDR,
    String serviceCIDR) {

  /** The mark bit KUBE-MARK-MASQ sets, as kube-proxy's default --iptables-masquerade-bit 14. */
  public static final String MASQ_MARK = "0x4000";

  public NodeConfig {
    requireNonNull(nodeName, "nodeName should not be null");
    requireNonNull(clusterCIDR, "clusterCIDR should not be null");
    requireNonNull(serviceCIDR, "serviceCIDR should not be null");
    nodeIPs = nodeIPs.stream().sorted().toList();
  }
}

package io.kubling.proxy.dns;

import io.kubling.proxy.Endpoint;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the kube-dns ClusterIP reaches a DNS server on every node.
 *
 * <p>kube-dns in kube-system is a Service without a selector whose ClusterIP is --cluster-dns.
 * Every node agent runs the service DNS server on its own node IP (--dns-port), and its proxy
 * treats that server as kube-dns's only endpoint on this node. So a pod's query to
 * ClusterIP:53 is DNATed (iptables, nftables) or relayed (userspace) to the DNS server of the
 * node the pod runs on — the shape of NodeLocal DNSCache: no DNS traffic crosses nodes, no
 * endpoint list to keep in step, and every node answers alike because every node's server is
 * built from the same Services and EndpointSlices. Whatever EndpointSlices kube-dns has are
 * ignored. Pure.
 */
public final class NodeLocalDns {
  public static final String NAMESPACE = "kube-system";
  public static final String SERVICE = "kube-dns";

  private NodeLocalDns() {}

  /** The snapshot with every kube-dns port's endpoints replaced by this node's DNS server. */
  public static ProxySnapshot route(ProxySnapshot s, String nodeIp, int dnsPort) {
    Map<io.kubling.proxy.ServicePortName, List<Endpoint>> eps = new HashMap<>(s.endpoints());
    boolean found = false;
    for (ServicePort sp : s.services()) {
      if (sp.name().namespace().equals(NAMESPACE) && sp.name().name().equals(SERVICE)) {
        eps.put(sp.name(), List.of(new Endpoint(nodeIp, dnsPort, s.node().nodeName())));
        found = true;
      }
    }
    return found ? new ProxySnapshot(s.services(), eps, s.node()) : s;
  }
}

package io.kubling.proxy.userspace;

import io.kubling.proxy.EndpointSets;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePort;
import io.kubling.proxy.ServicePortName;
import java.util.List;
import java.util.Map;

/**
 * The iptables rules of the userspace mode: REDIRECT each ClusterIP:port, external IP and
 * load-balancer IP (from pods:
 * KUBE-PORTALS-CONTAINER in PREROUTING; from the node: KUBE-PORTALS-HOST in OUTPUT) and each
 * NodePort to the local port the proxy listens on for that service port; REJECT service ports
 * with no endpoints, so that clients fail at once. Pure.
 */
public final class UserspaceRenderer {
  public static final String[] NAT_CHAINS = {"KUBE-NODEPORT-CONTAINER", "KUBE-NODEPORT-HOST",
      "KUBE-PORTALS-CONTAINER", "KUBE-PORTALS-HOST"};
  public static final String FILTER_CHAIN = "KUBE-SERVICES";

  private UserspaceRenderer() {}

  /** @param proxyPorts the local port the proxy listens on, per service port it serves */
  public static String render(ProxySnapshot snapshot, Map<ServicePortName, Integer> proxyPorts) {
    StringBuilder filter = new StringBuilder("*filter\n:" + FILTER_CHAIN + " - [0:0]\n");
    StringBuilder nat = new StringBuilder("*nat\n");
    for (String c : NAT_CHAINS) {
      nat.append(':').append(c).append(" - [0:0]\n");
    }
    for (ServicePort sp : snapshot.services()) {
      String p = sp.protocol().lower();
      String match = "-m " + p + " -p " + p;
      String name = sp.name().toString();
      Integer port = proxyPorts.get(sp.name());
      boolean served = port != null;
      if (!served || EndpointSets.of(snapshot, sp).internal().isEmpty()) {
        filter.append("-A ").append(FILTER_CHAIN).append(" -m comment --comment \"").append(name)
            .append(served ? " has no endpoints" : " is not served")
            .append("\" ").append(match).append(" -d ").append(sp.clusterIP())
            .append(" --dport ").append(sp.port()).append(" -j REJECT\n");
        if (sp.nodePort() > 0) {
          for (String ip : snapshot.node().nodeIPs()) {
            filter.append("-A ").append(FILTER_CHAIN).append(" -m comment --comment \"")
                .append(name).append(" has no endpoints\" ").append(match).append(" -d ")
                .append(ip).append(" --dport ").append(sp.nodePort()).append(" -j REJECT\n");
          }
        }
        continue;
      }
      // the ClusterIP, then external IPs and load-balancer IPs: all portals of the same port
      java.util.List<String> portals = new java.util.ArrayList<>(List.of(sp.clusterIP()));
      portals.addAll(sp.externalIPs());
      portals.addAll(sp.loadBalancerIPs());
      for (String dst : portals) {
        for (String chain : new String[] {"KUBE-PORTALS-CONTAINER", "KUBE-PORTALS-HOST"}) {
          nat.append("-A ").append(chain).append(" -m comment --comment ").append(name)
              .append(' ').append(match).append(" -d ").append(dst).append(" --dport ")
              .append(sp.port()).append(" -j REDIRECT --to-ports ").append(port).append('\n');
        }
      }
      if (sp.nodePort() > 0) {
        for (String ip : snapshot.node().nodeIPs()) {
          for (String chain : new String[] {"KUBE-NODEPORT-CONTAINER", "KUBE-NODEPORT-HOST"}) {
            nat.append("-A ").append(chain).append(" -m comment --comment ").append(name)
                .append(' ').append(match).append(" -d ").append(ip).append(" --dport ")
                .append(sp.nodePort()).append(" -j REDIRECT --to-ports ").append(port)
                .append('\n');
          }
        }
      }
    }
    return filter.append("COMMIT\n").append(nat).append("COMMIT\n").toString();
  }
}

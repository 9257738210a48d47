package io.kubling.proxy.ipvs;

import io.kubling.proxy.Endpoint;
import io.kubling.proxy.EndpointSets;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePort;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Renders a {@link ProxySnapshot} as IPVS state in {@code ipvsadm-restore} syntax: one virtual
 * server per ClusterIP:port, external IP, load-balancer IP and NodePort on each node IP, its real
 * servers the ready endpoints (local ones under a Local policy), and the addresses that must be
 * bound to the kube-ipvs0 device so the kernel accepts them as local. Pure.
 */
public final class IpvsRenderer {
  /** The device kube-proxy binds service addresses to. */
  public static final String DEVICE = "kube-ipvs0";

  /** The rendered state: ipvsadm-restore text and the addresses for {@link #DEVICE}. */
  public record IpvsRules(String ipvsadm, SortedSet<String> boundAddresses) {}

  private IpvsRenderer() {}

  /** @param scheduler the IPVS scheduler, {@code rr} unless --ipvs-scheduler says otherwise */
  public static IpvsRules render(ProxySnapshot snapshot, String scheduler) {
    StringBuilder out = new StringBuilder();
    SortedSet<String> bound = new TreeSet<>();
    for (ServicePort sp : snapshot.services()) {
      EndpointSets eps = EndpointSets.of(snapshot, sp);
      bound.add(sp.clusterIP());
      virtual(out, sp, sp.clusterIP() + ":" + sp.port(), scheduler, eps.internal());
      for (String ip : sp.externalIPs()) {
        bound.add(ip);
        virtual(out, sp, ip + ":" + sp.port(), scheduler, eps.external());
      }
      for (String ip : sp.loadBalancerIPs()) {
        bound.add(ip);
        virtual(out, sp, ip + ":" + sp.port(), scheduler, eps.external());
      }
      if (sp.nodePort() > 0) {
        for (String nodeIP : snapshot.node().nodeIPs()) {
          virtual(out, sp, nodeIP + ":" + sp.nodePort(), scheduler, eps.external());
        }
      }
    }
    return new IpvsRules(out.toString(), bound);
  }

  private static void virtual(StringBuilder out, ServicePort sp, String address, String scheduler,
      List<Endpoint> endpoints) {
    String flag = flag(sp);
    out.append("-A ").append(flag).append(' ').append(address).append(" -s ").append(scheduler);
    if (sp.hasAffinity()) {
      out.append(" -p ").append(sp.affinityTimeoutSeconds());
    }
    out.append('\n');
    for (Endpoint ep : endpoints) {
      // -m: masquerading (NAT) forwarding, the only method that works across nodes.
      out.append("-a ").append(flag).append(' ').append(address).append(" -r ")
          .append(ep.hostPort()).append(" -m -w 1\n");
    }
  }

  private static String flag(ServicePort sp) {
    return switch (sp.protocol()) {
      case TCP -> "-t";
      case UDP -> "-u";
    };
  }
}

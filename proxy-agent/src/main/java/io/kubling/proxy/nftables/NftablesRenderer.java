package io.kubling.proxy.nftables;

import io.kubling.proxy.ChainNames;
import io.kubling.proxy.Endpoint;
import io.kubling.proxy.EndpointSets;
import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.RenderScope;
import io.kubling.proxy.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Renders a {@link ProxySnapshot} as an {@code nft -f} script for the proxy's own table,
 * {@code ip kube-proxy}, in the shapes of kube-proxy's nftables mode: verdict maps from
 * ClusterIP/NodePort to per-service chains, {@code numgen random} to pick an endpoint, dynamic
 * sets with timeouts for ClientIP affinity. The script is one transaction. Pure.
 */
public final class NftablesRenderer {
  public static final String TABLE = "kube-proxy";
  private static final String T = "ip " + TABLE + " ";
  private static final String MASQ = NodeConfig.MASQ_MARK;

  /** The maps and sets whose elements every sync rewrites. */
  private static final List<String> ELEMENT_HOLDERS = List.of("map no-endpoint-nodeports",
      "map no-endpoint-services", "map service-ips", "map service-nodeports", "set cluster-ips",
      "set nodeport-ips");

  private NftablesRenderer() {}

  public static String render(ProxySnapshot snapshot) {
    return render(snapshot, RenderScope.full());
  }

  /**
   * A full render flushes the table and writes everything; a partial one rewrites the verdict
   * maps whole but only the changed service ports' chains. Either deletes the stale chains and
   * affinity sets named in {@code scope}.
   */
  public static String render(ProxySnapshot snapshot, RenderScope scope) {
    StringBuilder out = new StringBuilder(8192);
    out.append("add table ").append(T).append("{ comment \"rules for kube-proxy\" ; }\n");
    if (scope.isFull()) {
      out.append("flush table ").append(T.trim()).append('\n');
    }
    base(out, snapshot.node(), scope.isFull());
    for (ServicePort sp : snapshot.services()) {
      new ServiceRules(snapshot, sp).write(out, scope.includes(sp.name()), !scope.isFull());
    }
    // A chain must be empty to be deleted, and a set unreferenced: flush the stale chains
    // first, then delete chains, then sets, all in this one transaction.
    for (String stale : scope.staleChains()) {
      if (!stale.startsWith("affinity-")) {
        line(out, "flush chain ", stale);
      }
    }
    for (String stale : scope.staleChains()) {
      if (!stale.startsWith("affinity-")) {
        line(out, "delete chain ", stale);
      }
    }
    for (String stale : scope.staleChains()) {
      if (stale.startsWith("affinity-")) {
        line(out, "delete set ", stale);
      }
    }
    return out.toString();
  }

  /** Every per-service chain and affinity set a full render declares. */
  public static SortedSet<String> serviceObjects(ProxySnapshot snapshot) {
    SortedSet<String> names = new TreeSet<>();
    for (ServicePort sp : snapshot.services()) {
      names.addAll(new ServiceRules(snapshot, sp).objects());
    }
    return names;
  }

  private static void base(StringBuilder out, NodeConfig node, boolean full) {
    out.append('\n');
    line(out, "add set ", "cluster-ips { type ipv4_addr ; comment \"Active ClusterIPs\" ; }");
    line(out, "add set ",
        "nodeport-ips { type ipv4_addr ; comment \"IPs that accept NodePort traffic\" ; }");
    line(out, "add map ", "no-endpoint-nodeports { type inet_proto . inet_service : verdict ; "
        + "comment \"vmap to drop or reject packets to service nodeports with no endpoints\" ; }");
    line(out, "add map ", "no-endpoint-services { type ipv4_addr . inet_proto . inet_service : "
        + "verdict ; comment \"vmap to drop or reject packets to services with no endpoints\" ; }");
    line(out, "add map ", "service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; "
        + "comment \"ClusterIP, ExternalIP and LoadBalancer IP traffic\" ; }");
    line(out, "add map ", "service-nodeports { type inet_proto . inet_service : verdict ; "
        + "comment \"NodePort traffic\" ; }");
    // "flush table" empties chains but not sets and maps: their elements are rewritten whole.
    for (String holder : ELEMENT_HOLDERS) {
      int sp = holder.indexOf(' ');
      line(out, "flush " + holder.substring(0, sp) + " ", holder.substring(sp + 1));
    }
    if (!full) {
      out.append('\n');
      addNodePortIps(out, node);
      return;
    }
    out.append('\n');
    line(out, "add chain ", "cluster-ips-check");
    line(out, "add chain ", "filter-forward { type filter hook forward priority 0 ; }");
    line(out, "add chain ", "filter-input { type filter hook input priority 0 ; }");
    line(out, "add chain ", "filter-output { type filter hook output priority 0 ; }");
    line(out, "add chain ", "mark-for-masquerade");
    line(out, "add chain ", "masquerading");
    line(out, "add chain ", "nat-output { type nat hook output priority -100 ; }");
    line(out, "add chain ", "nat-postrouting { type nat hook postrouting priority 100 ; }");
    line(out, "add chain ", "nat-prerouting { type nat hook prerouting priority -100 ; }");
    line(out, "add chain ", "nodeport-endpoints-check");
    line(out, "add chain ", "reject-chain { comment \"helper for @no-endpoint-services / "
        + "@no-endpoint-nodeports\" ; }");
    line(out, "add chain ", "services");
    line(out, "add chain ", "service-endpoints-check");
    out.append('\n');
    line(out, "add rule ", "cluster-ips-check ip daddr @cluster-ips reject comment "
        + "\"Reject traffic to invalid ports of ClusterIPs\"");
    line(out, "add rule ", "cluster-ips-check ip daddr { " + node.serviceCIDR()
        + " } drop comment \"Drop traffic to unallocated ClusterIPs\"");
    line(out, "add rule ", "filter-forward ct state new jump service-endpoints-check");
    line(out, "add rule ", "filter-forward ct state new jump cluster-ips-check");
    line(out, "add rule ", "filter-input ct state new jump nodeport-endpoints-check");
    line(out, "add rule ", "filter-input ct state new jump service-endpoints-check");
    line(out, "add rule ", "filter-output ct state new jump service-endpoints-check");
    line(out, "add rule ", "filter-output ct state new jump cluster-ips-check");
    line(out, "add rule ", "mark-for-masquerade mark set mark or " + MASQ);
    line(out, "add rule ", "masquerading mark and " + MASQ + " == 0 return");
    line(out, "add rule ", "masquerading mark set mark xor " + MASQ);
    line(out, "add rule ", "masquerading masquerade fully-random");
    line(out, "add rule ", "nat-output jump services");
    line(out, "add rule ", "nat-postrouting jump masquerading");
    line(out, "add rule ", "nat-prerouting jump services");
    line(out, "add rule ", "nodeport-endpoints-check ip daddr @nodeport-ips meta l4proto . th "
        + "dport vmap @no-endpoint-nodeports");
    line(out, "add rule ", "reject-chain reject");
    line(out, "add rule ", "services ip daddr . meta l4proto . th dport vmap @service-ips");
    line(out, "add rule ", "services ip daddr @nodeport-ips meta l4proto . th dport vmap "
        + "@service-nodeports");
    line(out, "add rule ", "service-endpoints-check ip daddr . meta l4proto . th dport vmap "
        + "@no-endpoint-services");
    out.append('\n');
    addNodePortIps(out, node);
  }

  private static void addNodePortIps(StringBuilder out, NodeConfig node) {
    if (!node.nodeIPs().isEmpty()) {
      line(out, "add element ", "nodeport-ips { " + String.join(", ", node.nodeIPs()) + " }");
    }
  }

  static void line(StringBuilder out, String verb, String rest) {
    out.append(verb).append(T).append(rest).append('\n');
  }

  /** The chains, sets and elements of one service port. */
  private static final class ServiceRules {
    private final ProxySnapshot snapshot;
    private final ServicePort sp;
    private final EndpointSets eps;
    private final String base;
    private final String service;
    private final String local;
    private final String external;
    private final String name;

    ServiceRules(ProxySnapshot snapshot, ServicePort sp) {
      this.snapshot = snapshot;
      this.sp = sp;
      this.eps = EndpointSets.of(snapshot, sp);
      this.base = ChainNames.nftBase(sp);
      this.service = ChainNames.nft("service", base);
      this.local = ChainNames.nft("local", base);
      this.external = ChainNames.nft("external", base);
      this.name = sp.name().toString();
    }

    private String clusterPolicyChain() {
      return sp.internalLocal() ? local : service;
    }

    private boolean hasExternalEndpoints() {
      return sp.hasExternal() && !eps.external().isEmpty();
    }

    private List<Endpoint> endpointsInChains() {
      if (eps.usesClusterChain(sp)) {
        return eps.all();
      }
      return eps.usesLocalChain(sp) ? eps.local() : List.of();
    }

    private String endpointChain(Endpoint ep) {
      return ChainNames.nft("endpoint", ChainNames.nftEndpointBase(sp, ep));
    }

    private String affinitySet(Endpoint ep) {
      return ChainNames.nft("affinity", ChainNames.nftEndpointBase(sp, ep));
    }

    List<String> objects() {
      List<String> names = new ArrayList<>();
      if (eps.usesClusterChain(sp)) {
        names.add(service);
      }
      if (eps.usesLocalChain(sp)) {
        names.add(local);
      }
      if (hasExternalEndpoints()) {
        names.add(external);
      }
      for (Endpoint ep : endpointsInChains()) {
        names.add(endpointChain(ep));
        if (sp.hasAffinity()) {
          names.add(affinitySet(ep));
        }
      }
      return names;
    }

    void write(StringBuilder out, boolean chains, boolean flush) {
      out.append("# ").append(name).append(' ').append(sp.protocol().lower()).append('\n');
      if (chains) {
        writeChains(out, flush);
      }
      String proto = sp.protocol().lower();
      line(out, "add element ", "cluster-ips { " + sp.clusterIP() + " }");
      String dest = sp.clusterIP() + " . " + proto + " . " + sp.port();
      if (!eps.internal().isEmpty()) {
        line(out, "add element ", "service-ips { " + dest + " : goto " + clusterPolicyChain()
            + " }");
      } else {
        line(out, "add element ", "no-endpoint-services { " + dest + " comment \"" + name
            + "\" : " + verdict() + " }");
      }
      List<String> externalDests = new ArrayList<>();
      sp.externalIPs().forEach(ip -> externalDests.add(ip + " . " + proto + " . " + sp.port()));
      sp.loadBalancerIPs().forEach(ip -> externalDests.add(ip + " . " + proto + " . "
          + sp.port()));
      for (String d : externalDests) {
        if (hasExternalEndpoints()) {
          line(out, "add element ", "service-ips { " + d + " : goto " + external + " }");
        } else {
          line(out, "add element ", "no-endpoint-services { " + d + " comment \"" + name
              + "\" : " + verdict() + " }");
        }
      }
      if (sp.nodePort() > 0) {
        String np = proto + " . " + sp.nodePort();
        if (hasExternalEndpoints()) {
          line(out, "add element ", "service-nodeports { " + np + " : goto " + external + " }");
        } else {
          line(out, "add element ", "no-endpoint-nodeports { " + np + " comment \"" + name
              + "\" : " + verdict() + " }");
        }
      }
      out.append('\n');
    }

    // No endpoints at all: reject at once; endpoints only on other nodes under a Local policy:
    // drop, as kube-proxy does.
    private String verdict() {
      return eps.all().isEmpty() ? "goto reject-chain" : "drop";
    }

    private void writeChains(StringBuilder out, boolean flush) {
      // nft resolves a goto when the rule is added, so every chain and set of the service is
      // declared before the first rule that names one.
      for (String object : objects()) {
        if (object.startsWith("affinity-")) {
          line(out, "add set ", object + " { type ipv4_addr ; flags dynamic,timeout ; "
              + "timeout " + sp.affinityTimeoutSeconds() + "s ; }");
        } else {
          line(out, "add chain ", object);
          if (flush) {
            line(out, "flush chain ", object);
          }
        }
      }
      String cidr = snapshot.node().clusterCIDR();
      if (eps.usesClusterChain(sp)) {
        balance(out, service, eps.all(), !sp.internalLocal());
      }
      if (eps.usesLocalChain(sp)) {
        balance(out, local, eps.local(), sp.internalLocal());
      }
      if (hasExternalEndpoints()) {
        if (sp.externalLocal()) {
          line(out, "add rule ", external + " ip saddr " + cidr + " goto " + clusterPolicyChain()
              + " comment \"short-circuit pod traffic\"");
          line(out, "add rule ", external + " fib saddr type local jump mark-for-masquerade "
              + "comment \"masquerade local traffic\"");
          line(out, "add rule ", external + " fib saddr type local goto " + clusterPolicyChain()
              + " comment \"short-circuit local traffic\"");
          line(out, "add rule ", external + " goto " + local);
        } else {
          line(out, "add rule ", external + " jump mark-for-masquerade");
          line(out, "add rule ", external + " goto " + service);
        }
      }
      for (Endpoint ep : endpointsInChains()) {
        String chain = endpointChain(ep);
        line(out, "add rule ", chain + " ip saddr " + ep.ip() + " jump mark-for-masquerade");
        if (sp.hasAffinity()) {
          line(out, "add rule ", chain + " update @" + affinitySet(ep) + " { ip saddr }");
        }
        line(out, "add rule ", chain + " meta l4proto " + sp.protocol().lower() + " dnat to "
            + ep.hostPort());
      }
    }

    private void balance(StringBuilder out, String chain, List<Endpoint> endpoints,
        boolean clusterIPMasq) {
      if (clusterIPMasq) {
        line(out, "add rule ", chain + " ip daddr " + sp.clusterIP() + " ip saddr != "
            + snapshot.node().clusterCIDR() + " jump mark-for-masquerade");
      }
      if (sp.hasAffinity()) {
        for (Endpoint ep : endpoints) {
          line(out, "add rule ", chain + " ip saddr @" + affinitySet(ep) + " goto "
              + endpointChain(ep));
        }
      }
      StringBuilder vmap = new StringBuilder();
      for (int i = 0; i < endpoints.size(); i++) {
        vmap.append(i == 0 ? "" : " , ").append(i).append(" : goto ")
            .append(endpointChain(endpoints.get(i)));
      }
      line(out, "add rule ", chain + " numgen random mod " + endpoints.size() + " vmap { "
          + vmap + " }");
    }
  }
}

package io.kubling.proxy.iptables;

import static io.kubling.proxy.iptables.RuleText.comment;
import static io.kubling.proxy.iptables.RuleText.probability;
import static io.kubling.proxy.iptables.RuleText.proto;

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
 * Renders a {@link ProxySnapshot} as {@code iptables-restore --noflush} input: the filter and
 * nat chains the proxy owns, in kube-proxy's shapes. Pure: the same snapshot gives the same text.
 */
public final class IptablesRenderer {

  /** The shared chains the proxy owns in the filter table. */
  public static final List<String> FILTER_CHAINS =
      List.of("KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-SERVICES");
  /** The shared chains the proxy owns in the nat table. */
  public static final List<String> NAT_CHAINS =
      List.of("KUBE-MARK-MASQ", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-SERVICES");
  /** Prefixes of the per-service nat chains the proxy owns. */
  public static final List<String> NAT_PREFIXES =
      List.of("KUBE-SVC-", "KUBE-SVL-", "KUBE-EXT-", "KUBE-SEP-");

  private static final String MASQ = NodeConfig.MASQ_MARK;

  private IptablesRenderer() {}

  /** The whole state: a full sync. */
  public static String render(ProxySnapshot snapshot) {
    return render(snapshot, RenderScope.full());
  }

  /** The state within {@code scope}; see {@link RenderScope}. */
  public static String render(ProxySnapshot snapshot, RenderScope scope) {
    StringBuilder filter = new StringBuilder();
    StringBuilder nat = new StringBuilder();
    StringBuilder natChains = new StringBuilder();
    StringBuilder natShared = new StringBuilder();
    StringBuilder nodePorts = new StringBuilder();
    StringBuilder filterServices = new StringBuilder();
    StringBuilder filterExternal = new StringBuilder();
    for (ServicePort sp : snapshot.services()) {
      ServiceRules rules = new ServiceRules(snapshot, sp);
      rules.shared(natShared, nodePorts, filterServices, filterExternal);
      if (scope.includes(sp.name())) {
        for (String chain : rules.chains()) {
          natChains.append(':').append(chain).append(" - [0:0]\n");
        }
        rules.own(nat);
      }
    }
    filter.append("*filter\n");
    for (String c : FILTER_CHAINS) {
      filter.append(':').append(c).append(" - [0:0]\n");
    }
    filter.append(filterServices).append(filterExternal);
    filter.append("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n");
    filter.append("-A KUBE-FORWARD ").append(comment("kubernetes forwarding rules"))
        .append(" -m mark --mark ").append(MASQ).append('/').append(MASQ).append(" -j ACCEPT\n");
    filter.append("-A KUBE-FORWARD ").append(comment("kubernetes forwarding conntrack rule"))
        .append(" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
    filter.append("COMMIT\n");

    StringBuilder out = new StringBuilder(filter.length() + nat.length() * 2 + 4096);
    out.append(filter).append("*nat\n");
    for (String c : NAT_CHAINS) {
      out.append(':').append(c).append(" - [0:0]\n");
    }
    out.append(natChains);
    for (String stale : scope.staleChains()) {
      out.append(':').append(stale).append(" - [0:0]\n");
    }
    out.append("-A KUBE-MARK-MASQ -j MARK --or-mark ").append(MASQ).append('\n');
    out.append("-A KUBE-POSTROUTING -m mark ! --mark ").append(MASQ).append('/').append(MASQ)
        .append(" -j RETURN\n");
    out.append("-A KUBE-POSTROUTING -j MARK --xor-mark ").append(MASQ).append('\n');
    out.append("-A KUBE-POSTROUTING ").append(comment("kubernetes service traffic requiring SNAT"))
        .append(" -j MASQUERADE --random-fully\n");
    out.append(natShared);
    for (String ip : snapshot.node().nodeIPs()) {
      out.append("-A KUBE-SERVICES ")
          .append(comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"))
          .append(" -d ").append(ip).append(" -j KUBE-NODEPORTS\n");
    }
    out.append(nodePorts).append(nat);
    for (String stale : scope.staleChains()) {
      out.append("-X ").append(stale).append('\n');
    }
    out.append("COMMIT\n");
    return out.toString();
  }

  /** Every per-service nat chain a full render of {@code snapshot} declares, sorted. */
  public static SortedSet<String> serviceChains(ProxySnapshot snapshot) {
    SortedSet<String> chains = new TreeSet<>();
    for (ServicePort sp : snapshot.services()) {
      chains.addAll(new ServiceRules(snapshot, sp).chains());
    }
    return chains;
  }

  /** True for a nat chain name this proxy owns (and so may flush and delete). */
  public static boolean ownsNatChain(String chain) {
    return NAT_CHAINS.contains(chain) || NAT_PREFIXES.stream().anyMatch(chain::startsWith);
  }

  /** The rules of one service port. */
  private static final class ServiceRules {
    private final ProxySnapshot snapshot;
    private final ServicePort sp;
    private final EndpointSets eps;
    private final String svc;
    private final String svl;
    private final String ext;
    private final String name;

    ServiceRules(ProxySnapshot snapshot, ServicePort sp) {
      this.snapshot = snapshot;
      this.sp = sp;
      this.eps = EndpointSets.of(snapshot, sp);
      this.svc = ChainNames.svc(sp);
      this.svl = ChainNames.svl(sp);
      this.ext = ChainNames.ext(sp);
      this.name = sp.name().toString();
    }

    private String clusterPolicyChain() {
      return sp.internalLocal() ? svl : svc;
    }

    private boolean hasExternalEndpoints() {
      return sp.hasExternal() && !eps.external().isEmpty();
    }

    List<String> chains() {
      List<String> chains = new ArrayList<>();
      if (eps.usesClusterChain(sp)) {
        chains.add(svc);
      }
      if (eps.usesLocalChain(sp)) {
        chains.add(svl);
      }
      if (hasExternalEndpoints()) {
        chains.add(ext);
      }
      TreeSet<String> seps = new TreeSet<>();
      for (Endpoint ep : endpointsInChains()) {
        seps.add(ChainNames.sep(sp, ep));
      }
      chains.addAll(seps);
      chains.sort(null);
      return chains;
    }

    private List<Endpoint> endpointsInChains() {
      if (eps.usesClusterChain(sp)) {
        return eps.all();
      }
      return eps.usesLocalChain(sp) ? eps.local() : List.of();
    }

    /** Rules in the shared chains: service dispatch, NodePorts, rejects for no endpoints. */
    void shared(StringBuilder natServices, StringBuilder nodePorts, StringBuilder filterServices,
        StringBuilder filterExternal) {
      String match = proto(sp.protocol());
      if (!eps.internal().isEmpty()) {
        natServices.append("-A KUBE-SERVICES ").append(comment(name + " cluster IP")).append(' ')
            .append(match).append(" -d ").append(sp.clusterIP()).append(" --dport ")
            .append(sp.port()).append(" -j ").append(clusterPolicyChain()).append('\n');
      } else {
        filterServices.append("-A KUBE-SERVICES ").append(noEndpoints(eps.all().isEmpty()))
            .append(' ').append(match).append(" -d ").append(sp.clusterIP())
            .append(" --dport ").append(sp.port()).append(" -j ")
            .append(verdict(eps.all().isEmpty())).append('\n');
      }
      if (!sp.hasExternal()) {
        return;
      }
      boolean reachable = hasExternalEndpoints();
      for (String ip : sp.externalIPs()) {
        external(natServices, filterExternal, reachable, "external IP", ip, match);
      }
      for (String ip : sp.loadBalancerIPs()) {
        external(natServices, filterExternal, reachable, "loadbalancer IP", ip, match);
      }
      if (sp.nodePort() > 0) {
        if (reachable) {
          nodePorts.append("-A KUBE-NODEPORTS ").append(comment(name)).append(' ').append(match)
              .append(" --dport ").append(sp.nodePort()).append(" -j ").append(ext).append('\n');
        } else {
          filterExternal.append("-A KUBE-EXTERNAL-SERVICES ")
              .append(noEndpoints(eps.all().isEmpty()))
              .append(" -m addrtype --dst-type LOCAL ").append(match).append(" --dport ")
              .append(sp.nodePort()).append(" -j ").append(verdict(eps.all().isEmpty()))
              .append('\n');
        }
      }
    }

    private void external(StringBuilder nat, StringBuilder filter, boolean reachable, String what,
        String ip, String match) {
      if (reachable) {
        nat.append("-A KUBE-SERVICES ").append(comment(name + " " + what)).append(' ')
            .append(match).append(" -d ").append(ip).append(" --dport ").append(sp.port())
            .append(" -j ").append(ext).append('\n');
      } else {
        filter.append("-A KUBE-EXTERNAL-SERVICES ").append(noEndpoints(eps.all().isEmpty()))
            .append(' ').append(match).append(" -d ").append(ip).append(" --dport ")
            .append(sp.port()).append(" -j ").append(verdict(eps.all().isEmpty())).append('\n');
      }
    }

    private String noEndpoints(boolean none) {
      return comment(name + (none ? " has no endpoints" : " has no local endpoints"));
    }

    // No endpoints at all: REJECT, so that clients fail at once. Endpoints only elsewhere under
    // a Local policy: DROP, as kube-proxy does, since another node may well answer.
    private static String verdict(boolean none) {
      return none ? "REJECT" : "DROP";
    }

    /** Rules in this service port's own chains. */
    void own(StringBuilder nat) {
      String cidr = snapshot.node().clusterCIDR();
      if (hasExternalEndpoints()) {
        if (sp.externalLocal()) {
          nat.append("-A ").append(ext).append(' ')
              .append(comment("pod traffic for " + name + " external destinations"))
              .append(" -s ").append(cidr).append(" -j ").append(clusterPolicyChain()).append('\n');
          nat.append("-A ").append(ext).append(' ')
              .append(comment("masquerade LOCAL traffic for " + name + " external destinations"))
              .append(" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ\n");
          nat.append("-A ").append(ext).append(' ')
              .append(comment("route LOCAL traffic for " + name + " external destinations"))
              .append(" -m addrtype --src-type LOCAL -j ").append(clusterPolicyChain())
              .append('\n');
          nat.append("-A ").append(ext).append(" -j ").append(svl).append('\n');
        } else {
          nat.append("-A ").append(ext).append(' ')
              .append(comment("masquerade traffic for " + name + " external destinations"))
              .append(" -j KUBE-MARK-MASQ\n");
          nat.append("-A ").append(ext).append(" -j ").append(svc).append('\n');
        }
      }
      if (eps.usesClusterChain(sp)) {
        balance(nat, svc, eps.all(), !sp.internalLocal());
      }
      if (eps.usesLocalChain(sp)) {
        balance(nat, svl, eps.local(), sp.internalLocal());
      }
      for (Endpoint ep : endpointsInChains()) {
        String sep = ChainNames.sep(sp, ep);
        nat.append("-A ").append(sep).append(' ').append(comment(name)).append(" -s ")
            .append(ep.ip()).append(" -j KUBE-MARK-MASQ\n");
        nat.append("-A ").append(sep).append(' ').append(comment(name));
        if (sp.hasAffinity()) {
          nat.append(" -m recent --name ").append(sep).append(" --set");
        }
        nat.append(' ').append(proto(sp.protocol())).append(" -j DNAT --to-destination ")
            .append(ep.hostPort()).append('\n');
      }
    }

    private void balance(StringBuilder nat, String chain, List<Endpoint> endpoints,
        boolean clusterIPMasq) {
      if (clusterIPMasq) {
        // ClusterIP traffic that does not come from a pod (the node itself, another node) must
        // be masqueraded so that the reply comes back through this node's conntrack.
        nat.append("-A ").append(chain).append(' ').append(comment(name + " cluster IP"))
            .append(' ').append(proto(sp.protocol())).append(" -d ").append(sp.clusterIP())
            .append(" --dport ").append(sp.port()).append(" ! -s ")
            .append(snapshot.node().clusterCIDR()).append(" -j KUBE-MARK-MASQ\n");
      }
      if (sp.hasAffinity()) {
        for (Endpoint ep : endpoints) {
          String sep = ChainNames.sep(sp, ep);
          nat.append("-A ").append(chain).append(' ')
              .append(comment(name + " -> " + ep.hostPort())).append(" -m recent --name ")
              .append(sep).append(" --rcheck --seconds ").append(sp.affinityTimeoutSeconds())
              .append(" --reap -j ").append(sep).append('\n');
        }
      }
      int n = endpoints.size();
      for (int i = 0; i < n; i++) {
        Endpoint ep = endpoints.get(i);
        nat.append("-A ").append(chain).append(' ')
            .append(comment(name + " -> " + ep.hostPort()));
        if (i < n - 1) {
          nat.append(" -m statistic --mode random --probability ").append(probability(n - i));
        }
        nat.append(" -j ").append(ChainNames.sep(sp, ep)).append('\n');
      }
    }
  }
}

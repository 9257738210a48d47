package io.kubling.agent;

import io.kubling.component.config.ComponentFlags;
import io.kubling.component.config.GoDuration;
import io.kubling.proxy.ProxyMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service proxy's and service DNS's flags of the node agent, named as kube-proxy and the
 * kubelet name them; each also read from {@code KUBLING_<FLAG>} when not given.
 *
 * @param mode --proxy-mode (default iptables)
 * @param fallback --proxy-mode-fallback: the mode to run when the requested one cannot
 * @param minSyncPeriod --min-sync-period: at most one sync per this period (default 1s)
 * @param syncPeriod --sync-period: a full sync at least this often (default 30s)
 * @param clusterCidr --cluster-cidr: the pod network; other sources are masqueraded
 * @param serviceCidr --service-cluster-ip-range
 * @param clusterDns --cluster-dns: the kube-dns ClusterIP that pods' resolv.conf names
 * @param clusterDomain --cluster-domain (default cluster.local)
 * @param dnsPort --dns-port: where the node's DNS server listens on the node IP (default 53)
 * @param cleanup --cleanup: remove every mode's rules from this node and exit
 */
public record ServiceProxyFlags(ProxyMode mode, Optional<ProxyMode> fallback,
    Duration minSyncPeriod, Duration syncPeriod, String clusterCidr, String serviceCidr,
    String clusterDns, String clusterDomain, int dnsPort, boolean cleanup) {

  public static final List<String> NAMES = List.of("proxy-mode", "proxy-mode-fallback",
      "min-sync-period", "sync-period", "cluster-cidr", "service-cluster-ip-range",
      "cluster-dns", "cluster-domain", "dns-port", "cleanup");
  /** Flags that take no argument unless given with '=', as pflag's booleans. */
  public static final List<String> BOOLEANS = List.of("cleanup");

  /** Reads the flags from what the agent's parser collected, then the environment. */
  public static ServiceProxyFlags parse(Map<String, String> given, Map<String, String> env) {
    java.util.function.Function<String, String> v = name -> {
      String s = given.get(name);
      return s != null ? s : env.get(ComponentFlags.envName(name));
    };
    String fb = v.apply("proxy-mode-fallback");
    String dns = or(v.apply("cluster-dns"), "10.96.0.10");
    if (!dns.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException("--cluster-dns must be an IPv4 address, got " + dns);
    }
    int port = Integer.parseInt(or(v.apply("dns-port"), "53"));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--dns-port must be 1-65535, got " + port);
    }
    String cleanup = or(v.apply("cleanup"), "false");
    return new ServiceProxyFlags(ProxyMode.parse(v.apply("proxy-mode")),
        fb == null || fb.isEmpty() ? Optional.empty() : Optional.of(ProxyMode.parse(fb)),
        GoDuration.parse(or(v.apply("min-sync-period"), "1s")),
        GoDuration.parse(or(v.apply("sync-period"), "30s")),
        or(v.apply("cluster-cidr"), "10.244.0.0/16"),
        or(v.apply("service-cluster-ip-range"), "10.96.0.0/12"),
        dns, or(v.apply("cluster-domain"), "cluster.local"), port,
        cleanup.equals("true") || cleanup.equals("1"));
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** The flags' one-line help, for the CLI. */
  public static List<String> help() {
    return List.of(
        "--proxy-mode MODE          userspace, iptables (default), ipvs or nftables",
        "--proxy-mode-fallback MODE run in MODE, and say so, when --proxy-mode cannot run here",
        "--min-sync-period D        at most one rule sync per D (default 1s)",
        "--sync-period D            a full rule sync at least every D (default 30s)",
        "--cluster-cidr CIDR        the pod network (default 10.244.0.0/16)",
        "--service-cluster-ip-range CIDR  the ClusterIP range (default 10.96.0.0/12)",
        "--cluster-dns IP           kube-dns's ClusterIP, pods' nameserver (default 10.96.0.10)",
        "--cluster-domain D         the cluster's DNS domain (default cluster.local)",
        "--dns-port N               the node's DNS server port on the node IP (default 53)",
        "--cleanup                  remove the proxy's rules of every mode from this node, exit");
  }
}

package io.kubling.proxy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the proxy needs of one port of a non-headless service.
 *
 * @param name the service port name
 * @param protocol TCP or UDP
 * @param clusterIP the service's ClusterIP (never "None": headless services are left out)
 * @param port the service port
 * @param nodePort the NodePort, 0 when the service has none
 * @param externalIPs spec.externalIPs
 * @param loadBalancerIPs status.loadBalancer.ingress[].ip
 * @param affinityTimeoutSeconds ClientIP affinity timeout; 0 means sessionAffinity None
 * @param externalLocal externalTrafficPolicy Local
 * @param internalLocal internalTrafficPolicy Local
 */
public record ServicePort(
    ServicePortName name,
    Protocol protocol,
    String clusterIP,
    int port,
    int nodePort,
    List<String> externalIPs,
    List<String> loadBalancerIPs,
    int affinityTimeoutSeconds,
    boolean externalLocal,
    boolean internalLocal)
    implements Comparable<ServicePort> {

  /** Kubernetes' default sessionAffinityConfig.clientIP.timeoutSeconds. */
  public static final int DEFAULT_AFFINITY_TIMEOUT = 10800;

  public ServicePort {
    requireNonNull(name, "name should not be null");
    requireNonNull(protocol, "protocol should not be null");
    requireNonNull(clusterIP, "clusterIP should not be null");
    externalIPs = externalIPs == null ? List.of() : externalIPs.stream().sorted().toList();
    loadBalancerIPs =
        loadBalancerIPs == null ? List.of() : loadBalancerIPs.stream().sorted().toList();
  }

  /** A plain ClusterIP service port. */
  public static ServicePort clusterIP(ServicePortName name, Protocol protocol, String ip, int port) {
    return new ServicePort(name, protocol, ip, port, 0, List.of(), List.of(), 0, false, false);
  }

  public ServicePort withNodePort(int nodePort) {
    return new ServicePort(name, protocol, clusterIP, port, nodePort, externalIPs,
        loadBalancerIPs, affinityTimeoutSeconds, externalLocal, internalLocal);
  }

  public ServicePort withAffinity(int timeoutSeconds) {
    return new ServicePort(name, protocol, clusterIP, port, nodePort, externalIPs,
        loadBalancerIPs, timeoutSeconds, externalLocal, internalLocal);
  }

  public ServicePort withPolicies(boolean externalLocal, boolean internalLocal) {
    return new ServicePort(name, protocol, clusterIP, port, nodePort, externalIPs,
        loadBalancerIPs, affinityTimeoutSeconds, externalLocal, internalLocal);
  }

  public ServicePort withExternal(List<String> externalIPs, List<String> loadBalancerIPs) {
    return new ServicePort(name, protocol, clusterIP, port, nodePort, externalIPs,
        loadBalancerIPs, affinityTimeoutSeconds, externalLocal, internalLocal);
  }

  public boolean hasAffinity() {
    return affinityTimeoutSeconds > 0;
  }

  /** True when traffic can arrive from outside the cluster: NodePort, externalIPs, LB IPs. */
  public boolean hasExternal() {
    return nodePort > 0 || !externalIPs.isEmpty() || !loadBalancerIPs.isEmpty();
  }

  @Override
  public int compareTo(ServicePort o) {
    int c = name.compareTo(o.name);
    return c != 0 ? c : protocol.compareTo(o.protocol);
  }
}

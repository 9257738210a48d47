package io.kubling.controllers;

import static java.util.Objects.requireNonNull;

import io.kubling.component.config.ComponentOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The controller manager's settings, named after kube-controller-manager's flags.
 *
 * @param component the common component flags (client, leader election, /healthz port)
 * @param controllers which controllers run: {@code *} for all, a name to add, {@code -name} to drop
 * @param clusterCidr the pod network that node IPAM cuts into per-node ranges
 * @param nodeCidrMaskSize the prefix length of each node's range
 * @param nodeMonitorGracePeriod how long a node may be silent before it is Ready=Unknown
 * @param nodeMonitorPeriod how often node lifecycle looks at every node
 * @param defaultTolerationSeconds how long pods without their own toleration stay on an
 *     unreachable or not-ready node (--pod-eviction-timeout)
 * @param apiServerUrl the API server's URL the {@code kubernetes} service's endpoints point at
 * @param concurrency workers per controller, by controller name
 * @param loadBalancerIpRange where LoadBalancer services' addresses come from (FIRST-LAST or a
 *     CIDR); empty: none are handed out
 * @param rootCaFile --root-ca-file: the CA bundle published as the kube-root-ca.crt ConfigMap
 *     in every namespace; empty: the root-ca-cert-publisher does not run
 */
public record ControllerManagerOptions(ComponentOptions component, List<String> controllers,
    String clusterCidr, int nodeCidrMaskSize, Duration nodeMonitorGracePeriod,
    Duration nodeMonitorPeriod, Duration defaultTolerationSeconds, String apiServerUrl,
    java.util.Map<String, Integer> concurrency, String loadBalancerIpRange, String rootCaFile) {

  public static final String NAME = "kube-controller-manager";
  /** Every controller this manager knows, in start order. */
  public static final List<String> ALL = List.of("namespace", "serviceaccount", "garbagecollector",
      "replicaset", "deployment", "endpoint", "endpointslice", "nodeipam", "nodelifecycle",
      "daemonset", "servicelb", "root-ca-cert-publisher");

  public ControllerManagerOptions {
    requireNonNull(component, "component should not be null");
    requireNonNull(controllers, "controllers should not be null");
    requireNonNull(clusterCidr, "clusterCidr should not be null");
    requireNonNull(apiServerUrl, "apiServerUrl should not be null");
    concurrency = java.util.Map.copyOf(concurrency);
    loadBalancerIpRange = loadBalancerIpRange == null ? "" : loadBalancerIpRange.strip();
    rootCaFile = rootCaFile == null ? "" : rootCaFile.strip();
    if (!loadBalancerIpRange.isEmpty()) {
      io.kubling.controllers.servicelb.LoadBalancerIpRange.parse(loadBalancerIpRange);
    }
    for (String c : controllers) {
      String name = c.startsWith("-") ? c.substring(1) : c;
      if (!name.equals("*") && !ALL.contains(name)) {
        throw new IllegalArgumentException("--controllers: unknown controller " + name
            + "; known: " + String.join(", ", ALL));
      }
    }
    if (nodeMonitorGracePeriod.isNegative() || nodeMonitorGracePeriod.isZero()) {
      throw new IllegalArgumentException("--node-monitor-grace-period must be positive");
    }
  }

  /** kube-controller-manager's defaults. */
  public static ControllerManagerOptions defaults(ComponentOptions component) {
    return new ControllerManagerOptions(component, List.of("*"), "10.244.0.0/16", 24,
        Duration.ofSeconds(40), Duration.ofSeconds(5), Duration.ofSeconds(300), "",
        java.util.Map.of("replicaset", 5, "deployment", 5, "endpoint", 5, "endpointslice", 5,
            "garbagecollector", 20, "namespace", 10, "daemonset", 2, "serviceaccount", 1), "",
        "");
  }

  public boolean enabled(String controller) {
    Set<String> s = Set.copyOf(controllers);
    if (s.contains("-" + controller)) {
      return false;
    }
    return s.contains("*") || s.contains(controller);
  }

  public int workers(String controller) {
    return Math.max(1, concurrency.getOrDefault(controller, 1));
  }

  public ControllerManagerOptions withComponent(ComponentOptions c) {
    return new ControllerManagerOptions(c, controllers, clusterCidr, nodeCidrMaskSize,
        nodeMonitorGracePeriod, nodeMonitorPeriod, defaultTolerationSeconds, apiServerUrl,
        concurrency, loadBalancerIpRange, rootCaFile);
  }

  public ControllerManagerOptions withControllers(List<String> list) {
    return new ControllerManagerOptions(component, list, clusterCidr, nodeCidrMaskSize,
        nodeMonitorGracePeriod, nodeMonitorPeriod, defaultTolerationSeconds, apiServerUrl,
        concurrency, loadBalancerIpRange, rootCaFile);
  }

  public ControllerManagerOptions withNodeMonitor(Duration grace, Duration period,
      Duration tolerationSeconds) {
    return new ControllerManagerOptions(component, controllers, clusterCidr, nodeCidrMaskSize,
        grace, period, tolerationSeconds, apiServerUrl, concurrency, loadBalancerIpRange,
        rootCaFile);
  }

  public ControllerManagerOptions withClusterCidr(String cidr, int maskSize) {
    return new ControllerManagerOptions(component, controllers, cidr, maskSize,
        nodeMonitorGracePeriod, nodeMonitorPeriod, defaultTolerationSeconds, apiServerUrl,
        concurrency, loadBalancerIpRange, rootCaFile);
  }

  public ControllerManagerOptions withApiServerUrl(String url) {
    return new ControllerManagerOptions(component, controllers, clusterCidr, nodeCidrMaskSize,
        nodeMonitorGracePeriod, nodeMonitorPeriod, defaultTolerationSeconds, url, concurrency,
        loadBalancerIpRange, rootCaFile);
  }

  public ControllerManagerOptions withLoadBalancerIpRange(String range) {
    return new ControllerManagerOptions(component, controllers, clusterCidr, nodeCidrMaskSize,
        nodeMonitorGracePeriod, nodeMonitorPeriod, defaultTolerationSeconds, apiServerUrl,
        concurrency, range, rootCaFile);
  }

  public ControllerManagerOptions withConcurrency(String controller, int workers) {
    java.util.Map<String, Integer> m = new java.util.HashMap<>(concurrency);
    m.put(controller, workers);
    return new ControllerManagerOptions(component, controllers, clusterCidr, nodeCidrMaskSize,
        nodeMonitorGracePeriod, nodeMonitorPeriod, defaultTolerationSeconds, apiServerUrl, m,
        loadBalancerIpRange, rootCaFile);
  }

  public ControllerManagerOptions withRootCaFile(String file) {
    return new ControllerManagerOptions(component, controllers, clusterCidr, nodeCidrMaskSize,
        nodeMonitorGracePeriod, nodeMonitorPeriod, defaultTolerationSeconds, apiServerUrl,
        concurrency, loadBalancerIpRange, file);
  }
}

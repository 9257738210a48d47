package io.kubling.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one node agent needs to know about its node, as the flags give it.
 *
 * @param nodeName the Node's name
 * @param nodeIp the node's InternalIP; the agent's server listens there
 * @param podCidr used when the Node has no spec.podCIDR yet; empty when unset
 * @param capacity cpu, memory and pods the Node reports (allocatable is the same)
 * @param labels extra Node labels beside kubernetes.io/hostname and kubernetes.io/os
 * @param dataDir where pod state, logs and host-local's IP leases live
 * @param cniBinDirs where CNI plugins are looked up, in order
 * @param cniConfDir where the agent writes its conflist
 * @param podNetnsPrefix prefix of the pod network namespaces' names
 * @param leaseDuration the node Lease's duration; it is renewed every quarter of it
 * @param statusUpdate how often the Node's conditions are written
 * @param agentPort the agent's own HTTP port (logs, exec, healthz); 0 picks one, -1 none
 */
public record AgentConfig(String nodeName, String nodeIp, String podCidr,
    Map<String, String> capacity, Map<String, String> labels, Path dataDir,
    List<Path> cniBinDirs, Path cniConfDir, String podNetnsPrefix,
    Duration leaseDuration, Duration statusUpdate, int agentPort) {

  public AgentConfig {
    requireNonNull(nodeName, "nodeName should not be null");
    requireNonNull(nodeIp, "nodeIp should not be null");
    requireNonNull(podCidr, "podCidr should not be null");
    capacity = Map.copyOf(requireNonNull(capacity, "capacity should not be null"));
    labels = Map.copyOf(requireNonNull(labels, "labels should not be null"));
    requireNonNull(dataDir, "dataDir should not be null");
    cniBinDirs = List.copyOf(requireNonNull(cniBinDirs, "cniBinDirs should not be null"));
    requireNonNull(cniConfDir, "cniConfDir should not be null");
    requireNonNull(podNetnsPrefix, "podNetnsPrefix should not be null");
    requireNonNull(leaseDuration, "leaseDuration should not be null");
    requireNonNull(statusUpdate, "statusUpdate should not be null");
  }

  /** Defaults for a node: 40 s lease, status every 10 s, CNI from Debian's or the usual place. */
  public static AgentConfig defaults(String nodeName, String nodeIp, Path dataDir) {
    return new AgentConfig(nodeName, nodeIp, "",
        Map.of("cpu", "4", "memory", "8Gi", "pods", "110"), Map.of(), dataDir,
        List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin")), dataDir.resolve("cni/net.d"),
        "kubling-", Duration.ofSeconds(40), Duration.ofSeconds(10), -1);
  }

  public AgentConfig withPodCidr(String cidr) {
    return new AgentConfig(nodeName, nodeIp, cidr, capacity, labels, dataDir, cniBinDirs,
        cniConfDir, podNetnsPrefix, leaseDuration, statusUpdate, agentPort);
  }

  public AgentConfig withCapacity(Map<String, String> c) {
    return new AgentConfig(nodeName, nodeIp, podCidr, c, labels, dataDir, cniBinDirs,
        cniConfDir, podNetnsPrefix, leaseDuration, statusUpdate, agentPort);
  }

  public AgentConfig withPodNetnsPrefix(String prefix) {
    return new AgentConfig(nodeName, nodeIp, podCidr, capacity, labels, dataDir, cniBinDirs,
        cniConfDir, prefix, leaseDuration, statusUpdate, agentPort);
  }

  public AgentConfig withCni(List<Path> binDirs, Path confDir) {
    return new AgentConfig(nodeName, nodeIp, podCidr, capacity, labels, dataDir, binDirs,
        confDir, podNetnsPrefix, leaseDuration, statusUpdate, agentPort);
  }

  public AgentConfig withAgentPort(int port) {
    return new AgentConfig(nodeName, nodeIp, podCidr, capacity, labels, dataDir, cniBinDirs,
        cniConfDir, podNetnsPrefix, leaseDuration, statusUpdate, port);
  }

  public AgentConfig withTimings(Duration lease, Duration status) {
    return new AgentConfig(nodeName, nodeIp, podCidr, capacity, labels, dataDir, cniBinDirs,
        cniConfDir, podNetnsPrefix, lease, status, agentPort);
  }
}

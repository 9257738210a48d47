package io.kubling.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node as the scheduler sees it: the fields read from the Node, and running totals over the
 * pods bound or assumed on it (requests, pod count, host ports, pods per owner). Kept up to date
 * incrementally by the cache, never rebuilt per pod; not thread-safe (the cache guards it).
 */
public final class NodeInfo {
  private final String name;
  private Node node;
  private Map<String, String> labels = Map.of();
  private List<Taint> taints = List.of();
  private boolean unschedulable;
  private boolean ready = true;
  private long allocatableMilliCpu;
  private long allocatableMemory;
  private long allocatablePods;

  private long requestedMilliCpu;
  private long requestedMemory;
  private long nonZeroMilliCpu;
  private long nonZeroMemory;
  private int podCount;
  private final Map<String, Set<String>> usedPorts = new HashMap<>();
  private final Map<String, Integer> podsPerOwner = new HashMap<>();

  /** Where this node sits in the cache's list of schedulable nodes; -1 when not listed. */
  public int listIndex = -1;

  public NodeInfo(String name) {
    this.name = name;
  }

  /** A node info for tests and callers holding the node and its pods at hand. */
  public static NodeInfo of(Node node, PodInfo... pods) {
    NodeInfo n = new NodeInfo(node.getMetadata().getName());
    n.setNode(node);
    for (PodInfo p : pods) {
      n.addPod(p);
    }
    return n;
  }

  public void setNode(Node node) {
    this.node = node;
    if (node == null) {
      return;
    }
    labels = node.getMetadata().getLabels() == null ? Map.of()
        : Map.copyOf(node.getMetadata().getLabels());
    var spec = node.getSpec();
    taints = spec == null || spec.getTaints() == null ? List.of() : List.copyOf(spec.getTaints());
    unschedulable = spec != null && Boolean.TRUE.equals(spec.getUnschedulable());
    var status = node.getStatus();
    Map<String, Quantity> alloc = status == null || status.getAllocatable() == null ? Map.of()
        : status.getAllocatable();
    allocatableMilliCpu = io.kubling.scheduler.framework.Quantity.milliValue(alloc.get("cpu"));
    allocatableMemory = io.kubling.scheduler.framework.Quantity.value(alloc.get("memory"));
    allocatablePods = io.kubling.scheduler.framework.Quantity.value(alloc.get("pods"));
    ready = true;
    if (status != null && status.getConditions() != null) {
      for (NodeCondition c : status.getConditions()) {
        if ("Ready".equals(c.getType()) && !"True".equals(c.getStatus())) {
          ready = false;
        }
      }
    }
  }

  public void addPod(PodInfo p) {
    update(p, 1);
  }

  public void removePod(PodInfo p) {
    update(p, -1);
  }

  private void update(PodInfo p, int sign) {
    requestedMilliCpu += sign * p.milliCpu();
    requestedMemory += sign * p.memory();
    nonZeroMilliCpu += sign * p.nonZeroMilliCpu();
    nonZeroMemory += sign * p.nonZeroMemory();
    podCount += sign;
    for (HostPort hp : p.hostPorts()) {
      if (sign > 0) {
        usedPorts.computeIfAbsent(hp.protocolPort(), k -> new HashSet<>()).add(hp.ip());
      } else {
        Set<String> ips = usedPorts.get(hp.protocolPort());
        if (ips != null) {
          ips.remove(hp.ip());
          if (ips.isEmpty()) {
            usedPorts.remove(hp.protocolPort());
          }
        }
      }
    }
    if (p.ownerUid() != null) {
      podsPerOwner.merge(p.ownerUid(), sign, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  public String name() {
    return name;
  }

  /** The Node object; null when pods are known on a node the cache has not (or no longer) seen. */
  public Node node() {
    return node;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public List<Taint> taints() {
    return taints;
  }

  public boolean unschedulable() {
    return unschedulable;
  }

  /** False when the node reports a Ready condition that is not True. */
  public boolean ready() {
    return ready;
  }

  public long allocatableMilliCpu() {
    return allocatableMilliCpu;
  }

  public long allocatableMemory() {
    return allocatableMemory;
  }

  public long allocatablePods() {
    return allocatablePods;
  }

  public long requestedMilliCpu() {
    return requestedMilliCpu;
  }

  public long requestedMemory() {
    return requestedMemory;
  }

  public long nonZeroMilliCpu() {
    return nonZeroMilliCpu;
  }

  public long nonZeroMemory() {
    return nonZeroMemory;
  }

  public int podCount() {
    return podCount;
  }

  /** IPs using protocol/port (e.g. "TCP/80") on this node. */
  public Set<String> usedIps(String protocolPort) {
    return usedPorts.getOrDefault(protocolPort, Set.of());
  }

  public int podsOfOwner(String ownerUid) {
    return ownerUid == null ? 0 : podsPerOwner.getOrDefault(ownerUid, 0);
  }
}

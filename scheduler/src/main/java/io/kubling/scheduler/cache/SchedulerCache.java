package io.kubling.scheduler.cache;

import io.fabric8.kubernetes.api.model.Node;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scheduler's view of the cluster: a NodeInfo per node with running totals of the pods
 * bound to it, plus the pods assumed onto a node whose binding is still under way. Informer
 * handlers keep it current event by event; the scheduling thread reads it under the same lock,
 * so no per-pod copy of the nodes is ever made.
 */
public final class SchedulerCache {
  private record PodState(PodInfo pod, String node, boolean assumed) {}

  private final Map<String, NodeInfo> nodes = new HashMap<>();
  /** Nodes the scheduler may choose, in a stable order that round-robin filtering walks. */
  private final List<NodeInfo> nodeList = new ArrayList<>();
  private final List<NodeInfo> nodeListView = Collections.unmodifiableList(nodeList);
  private final Map<String, PodState> pods = new HashMap<>();

  /** Runs {@code f} over the schedulable nodes while holding the cache's lock. */
  public synchronized <T> T withNodes(Function<List<NodeInfo>, T> f) {
    return f.apply(nodeListView);
  }

  public synchronized void addOrUpdateNode(Node node) {
    String name = node.getMetadata().getName();
    NodeInfo info = nodes.computeIfAbsent(name, NodeInfo::new);
    info.setNode(node);
    if (info.listIndex < 0) {
      info.listIndex = nodeList.size();
      nodeList.add(info);
    }
  }

  public synchronized void removeNode(String name) {
    NodeInfo info = nodes.get(name);
    if (info == null || info.listIndex < 0) {
      return;
    }
    // Swap-remove keeps removal O(1); the order only has to be stable between changes.
    int i = info.listIndex;
    NodeInfo last = nodeList.remove(nodeList.size() - 1);
    if (last != info) {
      nodeList.set(i, last);
      last.listIndex = i;
    }
    info.listIndex = -1;
    info.setNode(null);
    if (info.podCount() == 0) {
      nodes.remove(name);
    }
  }

  /**
   * Counts the pod on the node at once, before its binding is confirmed; false (and nothing
   * changes) when the cache already holds the pod, assumed or seen bound.
   */
  public synchronized boolean assume(PodInfo pod, String node) {
    if (pods.containsKey(pod.key())) {
      return false;
    }
    put(pod, node, true);
    return true;
  }

  /** Drops an assumption whose binding failed; a pod the informer confirmed stays. */
  public synchronized void forget(String key) {
    PodState s = pods.get(key);
    if (s != null && s.assumed()) {
      remove(key);
    }
  }

  public synchronized boolean isAssumed(String key) {
    PodState s = pods.get(key);
    return s != null && s.assumed();
  }

  /**
   * The binding of a pod this cache assumed onto {@code node}, seen by the informer: the
   * assumption becomes a confirmed pod with the figures it already had, so the bound pod is not
   * worked out again (at thousands of bindings per second that was a good share of the pod
   * informer's garbage). False, and nothing changes, unless the cache holds this very pod (same
   * uid) assumed on that node; the caller then adds it as any other bound pod.
   */
  public synchronized boolean confirm(String key, String uid, String node) {
    PodState s = pods.get(key);
    if (s == null || !s.assumed() || !s.node().equals(node)
        || !java.util.Objects.equals(s.pod().uid(), uid)) {
      return false;
    }
    // The node's totals already count the pod; only the Pod object is let go.
    pods.put(key, new PodState(s.pod().detached(), node, false));
    return true;
  }

  /** A bound pod seen by the informer: confirms an assumption or replaces the old version. */
  public synchronized void addOrUpdatePod(PodInfo pod) {
    if (pods.containsKey(pod.key())) {
      remove(pod.key());
    }
    put(pod, pod.nodeName(), false);
  }

  public synchronized void removePod(String key) {
    if (pods.containsKey(key)) {
      remove(key);
    }
  }

  public synchronized int nodeCount() {
    return nodeList.size();
  }

  public synchronized int podCount() {
    return pods.size();
  }

  /** The named node's info, for tests and diagnostics; read it only while nothing changes. */
  public synchronized NodeInfo node(String name) {
    return nodes.get(name);
  }

  private void put(PodInfo pod, String node, boolean assumed) {
    pods.put(pod.key(), new PodState(pod, node, assumed));
    nodes.computeIfAbsent(node, NodeInfo::new).addPod(pod);
  }

  private void remove(String key) {
    PodState s = pods.remove(key);
    NodeInfo info = nodes.get(s.node());
    if (info == null) {
      return;
    }
    info.removePod(s.pod());
    if (info.podCount() == 0 && info.node() == null) {
      nodes.remove(s.node());
    }
  }
}

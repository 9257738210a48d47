package io.kubling.controllers.nodeipam;

import io.fabric8.kubernetes.api.model.Node;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every Node a spec.podCIDR from the cluster CIDR. Ranges in use are those on nodes in
 * the cache plus those this controller handed out that the cache does not show yet, so no two
 * nodes get the same; a deleted node's range is free again. Runs with one worker.
 */
public final class NodeIpamReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(NodeIpamReconciler.class);

  private final NodeIpamApi api;
  private final String clusterCidr;
  private final int maskSize;
  private final Map<String, String> allocated = new ConcurrentHashMap<>();

  public NodeIpamReconciler(NodeIpamApi api, String clusterCidr, int maskSize) {
    this.api = api;
    this.clusterCidr = clusterCidr;
    this.maskSize = maskSize;
  }

  @Override
  public Result reconcile(String name) {
    Optional<Node> node = api.node(name);
    if (node.isEmpty()) {
      allocated.remove(name); // released
      return Result.done();
    }
    String have = node.get().getSpec() == null ? null : node.get().getSpec().getPodCIDR();
    if (have != null && !have.isEmpty()) {
      allocated.put(name, have);
      return Result.done();
    }
    if (allocated.containsKey(name)) {
      return Result.done(); // written; the cache has not caught up yet
    }
    Set<String> used = new HashSet<>(allocated.values());
    for (Node n : api.nodes()) {
      if (n.getSpec() != null && n.getSpec().getPodCIDR() != null) {
        used.add(n.getSpec().getPodCIDR());
      }
    }
    String cidr = NodeCidrs.next(clusterCidr, maskSize, used).orElseThrow(() ->
        new IllegalStateException("cluster CIDR " + clusterCidr + " has no free /" + maskSize));
    allocated.put(name, cidr);
    try {
      api.setPodCidr(node.get(), cidr);
    } catch (RuntimeException e) {
      allocated.remove(name);
      throw e;
    }
    log.atInfo().addKeyValue("node", name).addKeyValue("podCIDR", cidr).log("pod CIDR allocated");
    return Result.done();
  }
}

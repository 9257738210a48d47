package io.kubling.proxy;

import io.kubling.proxy.ServicePortName;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How much of the state a render writes: everything (a full sync), or — as kube-proxy does since
 * KEP-3453 — only the per-service chains of the changed service ports, plus the shared chains
 * (KUBE-SERVICES, KUBE-NODEPORTS, ...) which are always rewritten whole.
 *
 * @param changed the service ports whose chains are rewritten; null means all of them
 * @param staleChains chains (and, in nftables, affinity sets) owned before and no longer rendered: deleted
 */
public record RenderScope(Set<ServicePortName> changed, SortedSet<String> staleChains) {

  public RenderScope {
    changed = changed == null ? null : Set.copyOf(changed);
    staleChains = new TreeSet<>(staleChains);
  }

  public static RenderScope full() {
    return new RenderScope(null, new TreeSet<>());
  }

  public static RenderScope full(Set<String> staleChains) {
    return new RenderScope(null, new TreeSet<>(staleChains));
  }

  public static RenderScope partial(Set<ServicePortName> changed, Set<String> staleChains) {
    return new RenderScope(changed, new TreeSet<>(staleChains));
  }

  public boolean isFull() {
    return changed == null;
  }

  public boolean includes(ServicePortName name) {
    return changed == null || changed.contains(name);
  }
}

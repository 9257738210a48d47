package io.kubling.proxy;

import io.kubling.proxy.iptables.IptablesApplier;
import io.kubling.proxy.iptables.IptablesRenderer;
import io.kubling.proxy.exec.CommandRunner;
import io.kubling.proxy.nftables.NftablesApplier;
import io.kubling.proxy.nftables.NftablesRenderer;
import java.io.IOException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A rule-based mode (iptables, nftables): renders the snapshot — whole, or only the changed
 * services' chains — and hands the text to its applier, deleting the per-service chains that no
 * longer exist. Remembers which chains it owns, reading them from the kernel on the first sync.
 */
public final class RuleProxier implements Proxier {
  private final BiFunction<ProxySnapshot, RenderScope, String> renderer;
  private final Function<ProxySnapshot, SortedSet<String>> objects;
  private final RuleApplier applier;
  private SortedSet<String> owned;

  public RuleProxier(BiFunction<ProxySnapshot, RenderScope, String> renderer,
      Function<ProxySnapshot, SortedSet<String>> objects, RuleApplier applier) {
    this.renderer = renderer;
    this.objects = objects;
    this.applier = applier;
  }

  public static RuleProxier iptables(CommandRunner runner) {
    return new RuleProxier(IptablesRenderer::render, IptablesRenderer::serviceChains,
        new IptablesApplier(runner));
  }

  public static RuleProxier nftables(CommandRunner runner) {
    return new RuleProxier(NftablesRenderer::render, NftablesRenderer::serviceObjects,
        new NftablesApplier(runner));
  }

  @Override
  public synchronized void sync(ProxySnapshot snapshot, Set<ServicePortName> changed)
      throws IOException {
    if (owned == null) {
      owned = applier.ownedServiceObjects();
      changed = null; // what exists is unknown in detail: write everything
    }
    SortedSet<String> wanted = objects.apply(snapshot);
    SortedSet<String> stale = new TreeSet<>(owned);
    stale.removeAll(wanted);
    RenderScope scope = changed == null ? RenderScope.full(stale)
        : RenderScope.partial(changed, stale);
    try {
      applier.apply(renderer.apply(snapshot, scope));
    } catch (IOException e) {
      owned = null; // state unknown after a failed transaction: next sync re-reads and goes full
      throw e;
    }
    owned = wanted;
  }

  /** The text the next sync would apply; for logs and debugging. */
  public String render(ProxySnapshot snapshot, RenderScope scope) {
    return renderer.apply(snapshot, scope);
  }

  @Override
  public synchronized void cleanup() throws IOException {
    applier.cleanup();
    owned = null;
  }
}

package io.kubling.proxy.iptables;

import io.kubling.proxy.RuleApplier;
import io.kubling.proxy.exec.CommandRunner;
import java.io.IOException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Applies {@link IptablesRenderer} output with one {@code iptables-restore --noflush}: only the
 * chains named in the text are flushed and rewritten, so chains and rules of others survive. The
 * jumps from the built-in chains into the proxy's chains are ensured one by one, as kube-proxy
 * does, because a restore cannot add a rule only when it is missing.
 */
public final class IptablesApplier implements RuleApplier {

  /** A jump from a built-in chain into one of the proxy's chains. */
  record Hook(String table, String chain, List<String> rule) {}

  static final List<Hook> HOOKS = List.of(
      new Hook("filter", "INPUT", List.of("-m", "conntrack", "--ctstate", "NEW", "-m", "comment",
          "--comment", "kubernetes externally-visible service portals", "-j",
          "KUBE-EXTERNAL-SERVICES")),
      new Hook("filter", "FORWARD", List.of("-m", "conntrack", "--ctstate", "NEW", "-m",
          "comment", "--comment", "kubernetes externally-visible service portals", "-j",
          "KUBE-EXTERNAL-SERVICES")),
      new Hook("filter", "FORWARD", List.of("-m", "comment", "--comment",
          "kubernetes forwarding rules", "-j", "KUBE-FORWARD")),
      new Hook("filter", "FORWARD", List.of("-m", "conntrack", "--ctstate", "NEW", "-m",
          "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES")),
      new Hook("filter", "OUTPUT", List.of("-m", "conntrack", "--ctstate", "NEW", "-m",
          "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES")),
      new Hook("nat", "PREROUTING", List.of("-m", "comment", "--comment",
          "kubernetes service portals", "-j", "KUBE-SERVICES")),
      new Hook("nat", "OUTPUT", List.of("-m", "comment", "--comment",
          "kubernetes service portals", "-j", "KUBE-SERVICES")),
      new Hook("nat", "POSTROUTING", List.of("-m", "comment", "--comment",
          "kubernetes postrouting rules", "-j", "KUBE-POSTROUTING")));

  private final CommandRunner runner;

  public IptablesApplier(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public void apply(String rules) throws IOException {
    runner.run(rules, "iptables-restore", "-w", "--noflush");
    ensureHooks();
  }

  private void ensureHooks() throws IOException {
    for (Hook h : HOOKS) {
      if (!runner.tryRun(null, argv(h, "-C")).ok()) {
        runner.run(null, argv(h, "-I"));
      }
    }
  }

  private static String[] argv(Hook h, String op) {
    List<String> a = new java.util.ArrayList<>(List.of("iptables", "-w", "-t", h.table(), op,
        h.chain()));
    a.addAll(h.rule());
    return a.toArray(String[]::new);
  }

  @Override
  public SortedSet<String> ownedServiceObjects() throws IOException {
    SortedSet<String> out = new TreeSet<>();
    for (String chain : chains("nat")) {
      if (IptablesRenderer.NAT_PREFIXES.stream().anyMatch(chain::startsWith)) {
        out.add(chain);
      }
    }
    return out;
  }

  private List<String> chains(String table) throws IOException {
    CommandRunner.Result r = runner.tryRun(null, "iptables-save", "-t", table);
    if (!r.ok()) {
      return List.of();
    }
    return r.stdout().lines().filter(l -> l.startsWith(":"))
        .map(l -> l.substring(1, l.indexOf(' '))).toList();
  }

  @Override
  public void cleanup() throws IOException {
    for (Hook h : HOOKS) {
      while (runner.tryRun(null, argv(h, "-C")).ok()) {
        runner.run(null, argv(h, "-D"));
      }
    }
    StringBuilder restore = new StringBuilder();
    appendDeletes(restore, "filter", chains("filter").stream()
        .filter(IptablesRenderer.FILTER_CHAINS::contains).toList());
    appendDeletes(restore, "nat", chains("nat").stream()
        .filter(IptablesRenderer::ownsNatChain).toList());
    runner.run(restore.toString(), "iptables-restore", "-w", "--noflush");
  }

  private static void appendDeletes(StringBuilder out, String table, List<String> chains) {
    out.append('*').append(table).append('\n');
    for (String c : chains) {
      out.append(':').append(c).append(" - [0:0]\n");
    }
    for (String c : chains) {
      out.append("-X ").append(c).append('\n');
    }
    out.append("COMMIT\n");
  }
}

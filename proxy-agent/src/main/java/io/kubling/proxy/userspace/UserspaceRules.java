package io.kubling.proxy.userspace;

import io.kubling.proxy.exec.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Applies and removes the userspace mode's iptables chains and the jumps into them. */
final class UserspaceRules {
  private record Hook(String table, String chain, String target, List<String> match) {}

  private static final List<Hook> HOOKS = List.of(
      new Hook("nat", "PREROUTING", "KUBE-PORTALS-CONTAINER", List.of()),
      new Hook("nat", "PREROUTING", "KUBE-NODEPORT-CONTAINER", List.of()),
      new Hook("nat", "OUTPUT", "KUBE-PORTALS-HOST", List.of()),
      new Hook("nat", "OUTPUT", "KUBE-NODEPORT-HOST", List.of()),
      new Hook("filter", "INPUT", "KUBE-SERVICES", List.of("-m", "conntrack", "--ctstate", "NEW")),
      new Hook("filter", "FORWARD", "KUBE-SERVICES",
          List.of("-m", "conntrack", "--ctstate", "NEW")),
      new Hook("filter", "OUTPUT", "KUBE-SERVICES",
          List.of("-m", "conntrack", "--ctstate", "NEW")));

  private final CommandRunner runner;

  UserspaceRules(CommandRunner runner) {
    this.runner = runner;
  }

  void apply(String rules) throws IOException {
    runner.run(rules, "iptables-restore", "-w", "--noflush");
    for (Hook h : HOOKS) {
      if (!runner.tryRun(null, argv(h, "-C")).ok()) {
        runner.run(null, argv(h, "-I"));
      }
    }
  }

  void cleanup() throws IOException {
    for (Hook h : HOOKS) {
      while (runner.tryRun(null, argv(h, "-C")).ok()) {
        runner.run(null, argv(h, "-D"));
      }
    }
    StringBuilder s = new StringBuilder();
    s.append("*filter\n:").append(UserspaceRenderer.FILTER_CHAIN).append(" - [0:0]\n-X ")
        .append(UserspaceRenderer.FILTER_CHAIN).append("\nCOMMIT\n*nat\n");
    for (String c : UserspaceRenderer.NAT_CHAINS) {
      s.append(':').append(c).append(" - [0:0]\n");
    }
    for (String c : UserspaceRenderer.NAT_CHAINS) {
      s.append("-X ").append(c).append('\n');
    }
    runner.tryRun(s.append("COMMIT\n").toString(), "iptables-restore", "-w", "--noflush");
  }

  private static String[] argv(Hook h, String op) {
    List<String> a = new ArrayList<>(List.of("iptables", "-w", "-t", h.table(), op, h.chain()));
    a.addAll(h.match());
    a.addAll(List.of("-m", "comment", "--comment", "kubernetes userspace service portals", "-j",
        h.target()));
    return a.toArray(String[]::new);
  }
}

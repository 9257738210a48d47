package io.kubling.proxy.netns;

import io.kubling.proxy.Proxier;
import io.kubling.proxy.RuleProxier;
import io.kubling.proxy.exec.CommandRunner;

class IptablesNetnsTest extends RulesNetnsTestBase {
  @Override
  protected Proxier proxier(CommandRunner node) {
    return RuleProxier.iptables(node);
  }

  @Override
  protected String dumpRules(CommandRunner node) throws Exception {
    return node.run(null, "iptables-save");
  }

  @Override
  protected void installForeignRules(CommandRunner node) throws Exception {
    node.run(null, "iptables", "-t", "nat", "-N", "SOMEONE-ELSE");
    node.run(null, "iptables", "-t", "nat", "-A", "SOMEONE-ELSE", "-d", "192.0.2.1", "-j",
        "RETURN");
    node.run(null, "iptables", "-t", "nat", "-A", "PREROUTING", "-j", "SOMEONE-ELSE");
  }

  @Override
  protected String foreignMarker() {
    return "-A PREROUTING -j SOMEONE-ELSE";
  }

  @Override
  protected String ownedMarker() {
    return "KUBE-";
  }
}

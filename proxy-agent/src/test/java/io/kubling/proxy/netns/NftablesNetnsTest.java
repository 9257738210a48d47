package io.kubling.proxy.netns;

import io.kubling.proxy.Proxier;
import io.kubling.proxy.RuleProxier;
import io.kubling.proxy.exec.CommandRunner;

class NftablesNetnsTest extends RulesNetnsTestBase {
  @Override
  protected Proxier proxier(CommandRunner node) {
    return RuleProxier.nftables(node);
  }

  @Override
  protected String dumpRules(CommandRunner node) throws Exception {
    return node.run(null, "nft", "list", "ruleset");
  }

  @Override
  protected void installForeignRules(CommandRunner node) throws Exception {
    node.run("add table ip someone-else\nadd chain ip someone-else c\n"
        + "add rule ip someone-else c ip daddr 192.0.2.1 counter\n", "nft", "-f", "-");
  }

  @Override
  protected String foreignMarker() {
    return "table ip someone-else";
  }

  @Override
  protected String ownedMarker() {
    return "table ip kube-proxy";
  }
}

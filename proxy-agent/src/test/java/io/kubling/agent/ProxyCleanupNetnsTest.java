package io.kubling.agent;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.agent.host.NodeHosts;
import io.kubling.proxy.RuleProxier;
import io.kubling.proxy.exec.CommandRunner;
import io.kubling.proxy.netns.LabSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code kubling agent --cleanup}, run in a node namespace, removes every mode's rules there. */
class ProxyCleanupNetnsTest {
  @Test
  void cleanupRemovesTheIptablesChainsAndTheNftTableAndNothingElse() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    try (NodeHosts bed = new NodeHosts("kt-pc")) {
      bed.addNode(1);
      String node = bed.node(1);
      CommandRunner in = CommandRunner.inNetns(node);
      in.run(null, "iptables", "-w", "-N", "SOMEONE-ELSES");
      RuleProxier.iptables(in).sync(LabSnapshots.standard(), null);
      RuleProxier.nftables(in).sync(LabSnapshots.standard(), null);
      assertThat(in.run(null, "iptables-save")).contains(":KUBE-SERVICES", ":KUBE-SVC-");
      assertThat(in.run(null, "nft", "list", "tables")).contains("kube-proxy");

      Path log = Files.createTempFile("kubling-cleanup", ".log");
      try {
        Process p = bed.startInNode(1, List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), AgentMain.class.getName(), "--cleanup"), log);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("removed the service proxy's rules");
      } finally {
        Files.deleteIfExists(log);
      }
      String left = in.run(null, "iptables-save");
      assertThat(left).doesNotContain("KUBE-").contains(":SOMEONE-ELSES");
      assertThat(in.run(null, "nft", "list", "tables")).doesNotContain("kube-proxy");
    }
  }
}

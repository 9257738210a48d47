package io.kubling.agent.host;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * New test hosts sweep what earlier runs of their family left behind, but not the namespaces
 * of hosts that another live JVM owns.
 */
class NodeHostsSweepTest {
  private static final Path OWNERS = Path.of("/run/kubling/netns-owners");

  @Test
  void sweepsAbandonedPrefixesAndSparesLiveOnes() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    String family = "kt-sw";
    String live = family + "aaaaa-";
    String dead = family + "bbbbb-";
    String orphan = family + "ccccc-";
    Process owner = new ProcessBuilder("sleep", "60").start();
    try {
      Files.createDirectories(OWNERS);
      for (String p : new String[] {live, dead, orphan}) {
        NodeHosts.sh("ip netns add " + p + "sw");
      }
      Files.writeString(OWNERS.resolve(live), Long.toString(owner.pid()));
      Files.writeString(OWNERS.resolve(dead), "999999999");

      try (NodeHosts hosts = new NodeHosts(family)) {
        assertThat(NodeHosts.namespaces(family)).contains(live + "sw", hosts.sw())
            .doesNotContain(dead + "sw", orphan + "sw");
        assertThat(Files.readString(OWNERS.resolve(hosts.prefix)))
            .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      }
      assertThat(Files.exists(OWNERS.resolve(dead))).isFalse();

      owner.destroy();
      owner.waitFor(10, TimeUnit.SECONDS);
      try (NodeHosts hosts = new NodeHosts(family)) {
        assertThat(NodeHosts.namespaces(family)).containsExactly(hosts.sw());
      }
      assertThat(NodeHosts.namespaces(family)).isEmpty();
    } finally {
      owner.destroyForcibly();
      NodeHosts.sweep(family);
      for (String p : new String[] {live, dead, orphan}) {
        Files.deleteIfExists(OWNERS.resolve(p));
      }
    }
  }
}

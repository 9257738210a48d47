package io.kubling.cli.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeNetworkTest {
  @TempDir
  Path tmp;

  @Test
  void namesFollowTheDataDirSoARestartFindsThem() throws Exception {
    NodeNetwork a = NodeNetwork.of(tmp.resolve("data"), "10.250.0.0/24", "http://127.0.0.1:6443");
    NodeNetwork again = NodeNetwork.of(tmp.resolve("x/../data"), "10.250.0.0/24", "http://h:1");
    NodeNetwork other = NodeNetwork.of(tmp.resolve("data2"), "10.250.0.0/24", "http://h:1");
    assertThat(a.prefix()).matches("kl[0-9a-f]{6}-").isEqualTo(again.prefix())
        .isNotEqualTo(other.prefix());
    assertThat(a.agentDataDir("node1")).isEqualTo(tmp.resolve("data/agents/node1"));

    a.save();
    assertThat(NodeNetwork.load(tmp.resolve("data"))).contains(a);
    assertThat(NodeNetwork.load(tmp.resolve("data2"))).isEmpty();
  }

  @Test
  void aSocketPathTooLongForTheKernelMovesToRun() {
    NodeNetwork shortDir = NodeNetwork.of(Path.of("/tmp/d"), "10.250.0.0/24", "http://h:1");
    assertThat(shortDir.apiSocket("node1")).isEqualTo(Path.of("/tmp/d/nodes/node1-api.sock"));
    NodeNetwork longDir = NodeNetwork.of(Path.of("/tmp/" + "x".repeat(100)), "10.250.0.0/24",
        "http://h:1");
    assertThat(longDir.apiSocket("node1").toString())
        .isEqualTo("/run/kubling/" + longDir.prefix() + "node1-api.sock");
  }

  @Test
  void theRelayTargetIsTheApiServersHostAndPort() throws Exception {
    assertThat(NodeRelays.address("http://127.0.0.1:6443").getPort()).isEqualTo(6443);
    assertThat(NodeRelays.address("http://127.0.0.1:6443").getHostString()).isEqualTo("127.0.0.1");
    assertThat(NodeRelays.address("http://[::1]:7443").getAddress())
        .isEqualTo(java.net.InetAddress.getByName("::1"));
  }
}

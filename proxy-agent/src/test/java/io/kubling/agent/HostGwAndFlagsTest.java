package io.kubling.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.kubling.agent.node.HostGwRoutes;
import io.kubling.agent.node.NodeObjects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostGwAndFlagsTest {
  static Node node(String name, String cidr, String ip) {
    return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withPodCIDR(cidr).endSpec().withNewStatus().addNewAddress().withType("InternalIP")
        .withAddress(ip).endAddress().endStatus().build();
  }

  @Test
  void everyOtherNodesCidrGoesViaItsInternalIp() {
    assertThat(HostGwRoutes.routes("a", List.of(node("a", "10.244.0.0/24", "10.250.0.1"),
        node("c", "10.244.2.0/24", "10.250.0.3"), node("b", "10.244.1.0/24", "10.250.0.2"),
        node("d", null, "10.250.0.4"))))
        .containsExactly(Map.entry("10.244.1.0/24", "10.250.0.2"),
            Map.entry("10.244.2.0/24", "10.250.0.3"));
  }

  @Test
  void withoutRootTheAgentSaysSoInOneLineAndUsesTheFakeRuntime() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(AgentMain.chooseRuntime("", false, 0, new PrintStream(err, true))).isEqualTo("fake");
    assertThat(err.toString().strip()).doesNotContain("\n").startsWith("kubling agent: not running as root");
    assertThat(AgentMain.chooseRuntime("", true, 0, System.err)).isEqualTo("netns");
    assertThat(AgentMain.chooseRuntime("netns", true, 3, System.err)).isEqualTo("fake");
  }

  @Test
  void flagsFillTheConfigAndUnknownOnesAreRefused() {
    AgentFlags f = AgentFlags.parse(List.of("--master=http://127.0.0.1:6443", "--node-name", "n1",
        "--node-ip=10.250.0.1", "--pod-cidr=10.244.1.0/24", "--capacity-pods=20",
        "--node-labels=zone=a,disk=ssd", "--data-dir=/tmp/x", "--runtime=fake"), Map.of());
    assertThat(f.common().master()).isEqualTo("http://127.0.0.1:6443");
    assertThat(f.config().nodeName()).isEqualTo("n1");
    assertThat(f.config().capacity()).containsEntry("pods", "20");
    assertThat(f.config().labels()).containsEntry("zone", "a").containsEntry("disk", "ssd");
    assertThat(f.config().cniConfDir().toString()).isEqualTo("/tmp/x/cni/net.d");
    assertThat(f.runtime()).isEqualTo("fake");
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--bogus=1"), Map.of()))
        .hasMessage("unknown flag: --bogus");
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--runtime=docker"), Map.of()))
        .hasMessageContaining("--runtime must be netns or fake");
  }

  @Test
  void osImageComesFromOsRelease() {
    assertThat(NodeObjects.osImage("NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"))
        .isEqualTo("Debian GNU/Linux 12 (bookworm)");
  }
}

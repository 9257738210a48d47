package io.kubling.scheduler.framework.plugins.nodeports;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.framework.HostPort;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePortsTest {
  @ParameterizedTest(name = "{0} vs used {1}: conflict {2}")
  @CsvSource({
      "0.0.0.0, '', false", "0.0.0.0, 10.0.0.1, true", "10.0.0.1, 10.0.0.1, true",
      "10.0.0.1, 10.0.0.2, false", "10.0.0.1, 0.0.0.0, true"})
  void hostPortConflict(String wanted, String used, boolean conflict) {
    Set<String> usedIps = used.isEmpty() ? Set.of() : Set.of(used);
    assertThat(NodePorts.conflicts(new HostPort(wanted, "TCP", 80), usedIps)).isEqualTo(conflict);
  }

  @Test
  void filterSeesPortsOfPodsOnTheNode() {
    NodeInfo node = NodeInfo.of(node("n").build(), PodInfo.of(pod("a").hostPort(80).build()));
    var plugin = new NodePorts();
    assertThat(plugin.filter(PodInfo.of(pod("b").hostPort(80).build()), node).reasons())
        .containsExactly("node(s) didn't have free ports for the requested pod ports");
    assertThat(plugin.filter(PodInfo.of(pod("c").hostPort(81).build()), node).isSuccess()).isTrue();
    node.removePod(PodInfo.of(pod("a").hostPort(80).build()));
    assertThat(plugin.filter(PodInfo.of(pod("b").hostPort(80).build()), node).isSuccess()).isTrue();
  }
}

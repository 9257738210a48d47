package io.kubling.scheduler.framework.plugins.nodename;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeNameTest {
  @ParameterizedTest(name = "pod nodeName {0} on node {1}: {2}")
  @CsvSource(value = {"NULL, n1, true", "n1, n1, true", "n1, n2, false"}, nullValues = "NULL")
  void filter(String requested, String node, boolean passes) {
    var s = new NodeName().filter(PodInfo.of(pod("p").nodeName(requested).build()),
        NodeInfo.of(node(node).build()));
    assertThat(s.isSuccess()).isEqualTo(passes);
    if (!passes) {
      assertThat(s.reasons()).containsExactly("node(s) didn't match the requested node name");
    }
  }
}

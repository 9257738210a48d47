package io.kubling.scheduler.framework.plugins.nodeready;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeReadyTest {
  @ParameterizedTest(name = "Ready={0} passes: {1}")
  @CsvSource(value = {"True, true", "False, false", "Unknown, false", "NULL, true"},
      nullValues = "NULL")
  void filter(String ready, boolean passes) {
    var s = new NodeReady().filter(PodInfo.of(pod("p").build()),
        NodeInfo.of(node("n").ready(ready).build()));
    assertThat(s.isSuccess()).isEqualTo(passes);
    if (!passes) {
      assertThat(s.reasons()).containsExactly("node(s) were not ready");
    }
  }
}

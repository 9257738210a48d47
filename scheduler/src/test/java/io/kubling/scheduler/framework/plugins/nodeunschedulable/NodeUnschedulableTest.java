package io.kubling.scheduler.framework.plugins.nodeunschedulable;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static io.kubling.scheduler.Builders.toleration;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.Builders;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeUnschedulableTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("schedulable node", pod("p"), node("n"), List.of()),
        Arguments.of("cordoned node", pod("p"), node("n").unschedulable(),
            List.of("node(s) were unschedulable")),
        Arguments.of("pod tolerates the cordon taint", pod("p").tolerate(toleration(
            "node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule")),
            node("n").unschedulable(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(String name, Builders.PodSpec pod, Builders.NodeSpec node, List<String> reasons) {
    var s = new NodeUnschedulable().filter(PodInfo.of(pod.build()), NodeInfo.of(node.build()));
    assertThat(s.reasons()).isEqualTo(reasons);
  }
}

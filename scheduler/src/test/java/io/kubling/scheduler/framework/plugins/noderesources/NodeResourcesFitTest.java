package io.kubling.scheduler.framework.plugins.noderesources;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.Builders;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NodeResourcesFitTest {
  private final NodeResourcesFit plugin = new NodeResourcesFit();

  static Stream<Arguments> filterCases() {
    Builders.NodeSpec small = node("n").resources("2", "1Gi", "3");
    return Stream.of(
        Arguments.of("fits", pod("p").cpu("500m").memory("128Mi"), small, List.of(), List.of()),
        Arguments.of("exactly fills the node", pod("p").cpu("2").memory("1Gi"), small, List.of(),
            List.of()),
        Arguments.of("cpu", pod("p").cpu("2001m"), small, List.of(),
            List.of("Insufficient cpu")),
        Arguments.of("memory", pod("p").memory("1025Mi"), small, List.of(),
            List.of("Insufficient memory")),
        Arguments.of("cpu and memory together", pod("p").cpu("3").memory("2Gi"), small,
            List.of(), List.of("Insufficient cpu", "Insufficient memory")),
        Arguments.of("requests of pods on the node count", pod("p").cpu("1.5"), small,
            List.of(pod("a").cpu("600m")), List.of("Insufficient cpu")),
        Arguments.of("pod count", pod("p"), small,
            List.of(pod("a"), pod("b"), pod("c")), List.of("Too many pods")),
        Arguments.of("all three", pod("p").cpu("1").memory("1Gi"), small,
            List.of(pod("a").cpu("1.5"), pod("b").memory("1M"), pod("c")),
            List.of("Too many pods", "Insufficient cpu", "Insufficient memory")),
        Arguments.of("no requests fit anywhere with room", pod("p"), node("n")
            .resources("0", "0", "1"), List.of(), List.of()),
        Arguments.of("decimal units", pod("p").memory("1G"), node("n").resources("1", "1G", "1"),
            List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(String name, Builders.PodSpec pod, Builders.NodeSpec node,
      List<Builders.PodSpec> onNode, List<String> reasons) {
    NodeInfo info = NodeInfo.of(node.build(),
        onNode.stream().map(p -> PodInfo.of(p.build())).toArray(PodInfo[]::new));
    assertThat(plugin.filter(PodInfo.of(pod.build()), info).reasons()).isEqualTo(reasons);
  }

  @ParameterizedTest(name = "requested {0} of {1}: {2}")
  @CsvSource({"0, 1000, 100", "250, 1000, 75", "1000, 1000, 0", "1200, 1000, 0", "5, 0, 0"})
  void leastRequested(long requested, long capacity, long score) {
    assertThat(NodeResourcesFit.leastRequested(requested, capacity)).isEqualTo(score);
  }

  @Test
  void scoreUsesNonZeroRequestsAndAveragesCpuAndMemory() {
    // 4 cpu, 8Gi; a pod with no requests counts as 100m and 200Mi.
    NodeInfo info = NodeInfo.of(node("n").build(), PodInfo.of(pod("a").cpu("1900m")
        .memory("3896Mi").build()));
    long score = plugin.score(PodInfo.of(pod("p").build()), info);
    // cpu: (4000-2000)*100/4000 = 50; memory: (8192-4096)Mi*100/8192Mi = 50
    assertThat(score).isEqualTo(50);
  }
}

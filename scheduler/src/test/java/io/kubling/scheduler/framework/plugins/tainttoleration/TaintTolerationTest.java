package io.kubling.scheduler.framework.plugins.tainttoleration;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static io.kubling.scheduler.Builders.toleration;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.Builders;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaintTolerationTest {
  private final TaintToleration plugin = new TaintToleration();

  static Stream<Arguments> filterCases() {
    Builders.NodeSpec sprayed = node("node01").taint("spray", "mortein", "NoSchedule");
    return Stream.of(
        Arguments.of("no taints", pod("p"), node("n"), null),
        Arguments.of("untolerated NoSchedule", pod("p"), sprayed,
            "node(s) had untolerated taint {spray: mortein}"),
        Arguments.of("Equal toleration", pod("p").tolerate(
            toleration("spray", "Equal", "mortein", "NoSchedule")), sprayed, null),
        Arguments.of("default operator is Equal", pod("p").tolerate(
            toleration("spray", null, "mortein", "NoSchedule")), sprayed, null),
        Arguments.of("Equal with another value", pod("p").tolerate(
            toleration("spray", "Equal", "raid", "NoSchedule")), sprayed,
            "node(s) had untolerated taint {spray: mortein}"),
        Arguments.of("Exists ignores the value", pod("p").tolerate(
            toleration("spray", "Exists", null, "NoSchedule")), sprayed, null),
        Arguments.of("empty effect tolerates every effect", pod("p").tolerate(
            toleration("spray", "Exists", null, null)), sprayed, null),
        Arguments.of("empty key with Exists tolerates everything", pod("p").tolerate(
            toleration(null, "Exists", null, null)), sprayed, null),
        Arguments.of("wrong effect", pod("p").tolerate(
            toleration("spray", "Exists", null, "NoExecute")), sprayed,
            "node(s) had untolerated taint {spray: mortein}"),
        Arguments.of("NoExecute counts", pod("p"), node("n").taint("dead", "", "NoExecute"),
            "node(s) had untolerated taint {dead: }"),
        Arguments.of("PreferNoSchedule does not filter", pod("p"),
            node("n").taint("soft", "x", "PreferNoSchedule"), null),
        Arguments.of("first untolerated taint in node order", pod("p").tolerate(
            toleration("a", "Exists", null, null)),
            node("n").taint("a", "1", "NoSchedule").taint("b", "2", "NoSchedule")
                .taint("c", "3", "NoSchedule"),
            "node(s) had untolerated taint {b: 2}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(String name, Builders.PodSpec pod, Builders.NodeSpec node, String reason) {
    Status s = plugin.filter(PodInfo.of(pod.build()), NodeInfo.of(node.build()));
    if (reason == null) {
      assertThat(s.isSuccess()).as(s.toString()).isTrue();
    } else {
      assertThat(s.reasons()).containsExactly(reason);
      assertThat(s.plugin()).isEqualTo(TaintToleration.NAME);
    }
  }

  static Stream<Arguments> scoreCases() {
    return Stream.of(
        Arguments.of(pod("p"), node("n"), 0),
        Arguments.of(pod("p"), node("n").taint("a", "1", "PreferNoSchedule")
            .taint("b", "1", "PreferNoSchedule").taint("c", "1", "NoSchedule"), 2),
        Arguments.of(pod("p").tolerate(toleration("a", "Exists", null, "PreferNoSchedule")),
            node("n").taint("a", "1", "PreferNoSchedule").taint("b", "1", "PreferNoSchedule"), 1),
        // A NoSchedule toleration does not cover a PreferNoSchedule taint.
        Arguments.of(pod("p").tolerate(toleration("a", "Exists", null, "NoSchedule")),
            node("n").taint("a", "1", "PreferNoSchedule"), 1));
  }

  @ParameterizedTest
  @MethodSource("scoreCases")
  void rawScoreCountsIntolerablePreferNoSchedule(Builders.PodSpec pod, Builders.NodeSpec node,
      long score) {
    assertThat(plugin.score(PodInfo.of(pod.build()), NodeInfo.of(node.build()))).isEqualTo(score);
  }

  @Test
  void normalizedScoreIsReversed() {
    long[] scores = {0, 1, 2, 4};
    plugin.normalize(null, scores);
    assertThat(scores).containsExactly(100, 75, 50, 0);
    long[] none = {0, 0};
    plugin.normalize(null, none);
    assertThat(none).containsExactly(100, 100);
  }

  @Test
  void tolerationMatchingIsKubernetesToleratesTaint() {
    var taint = new io.fabric8.kubernetes.api.model.Taint("NoSchedule", "k", null, "v");
    assertThat(TaintToleration.toleratedByAny(taint, List.of())).isFalse();
    assertThat(TaintToleration.tolerates(toleration("k", "Equal", "v", ""), taint)).isTrue();
    assertThat(TaintToleration.tolerates(toleration("k", "Bogus", "v", ""), taint)).isFalse();
  }
}

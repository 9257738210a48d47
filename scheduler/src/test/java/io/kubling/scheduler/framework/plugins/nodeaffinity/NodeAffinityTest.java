package io.kubling.scheduler.framework.plugins.nodeaffinity;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static io.kubling.scheduler.Builders.req;
import static io.kubling.scheduler.Builders.term;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.kubling.scheduler.Builders;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityTest {
  private final NodeAffinity plugin = new NodeAffinity();
  private static final Builders.NodeSpec SSD = node("node01").label("disktype", "ssd")
      .label("cores", "8");

  static Stream<Arguments> requiredCases() {
    return Stream.of(
        Arguments.of("no constraints", pod("p"), true),
        Arguments.of("nodeSelector matches", pod("p").nodeSelector("disktype", "ssd"), true),
        Arguments.of("nodeSelector differs", pod("p").nodeSelector("disktype", "hdd"), false),
        Arguments.of("nodeSelector label missing", pod("p").nodeSelector("zone", "a"), false),
        Arguments.of("In", pod("p").required(term(req("disktype", "In", "ssd", "nvme"))), true),
        Arguments.of("In misses", pod("p").required(term(req("disktype", "In", "hdd"))), false),
        Arguments.of("NotIn", pod("p").required(term(req("disktype", "NotIn", "hdd"))), true),
        Arguments.of("NotIn hits", pod("p").required(term(req("disktype", "NotIn", "ssd"))),
            false),
        Arguments.of("NotIn missing label", pod("p").required(term(req("zone", "NotIn", "a"))),
            true),
        Arguments.of("Exists", pod("p").required(term(req("disktype", "Exists"))), true),
        Arguments.of("Exists missing", pod("p").required(term(req("zone", "Exists"))), false),
        Arguments.of("DoesNotExist", pod("p").required(term(req("zone", "DoesNotExist"))), true),
        Arguments.of("DoesNotExist present",
            pod("p").required(term(req("disktype", "DoesNotExist"))), false),
        Arguments.of("Gt", pod("p").required(term(req("cores", "Gt", "4"))), true),
        Arguments.of("Gt equal", pod("p").required(term(req("cores", "Gt", "8"))), false),
        Arguments.of("Lt", pod("p").required(term(req("cores", "Lt", "16"))), true),
        Arguments.of("Lt on a non-number label", pod("p").required(term(req("disktype", "Lt",
            "16"))), false),
        Arguments.of("Gt with a non-number value", pod("p").required(term(req("cores", "Gt",
            "x"))), false),
        Arguments.of("expressions of a term are ANDed", pod("p").required(term(
            req("disktype", "In", "ssd"), req("cores", "Gt", "10"))), false),
        Arguments.of("terms are ORed", pod("p").required(term(req("disktype", "In", "hdd")))
            .required(term(req("cores", "Gt", "4"))), true),
        Arguments.of("empty term matches nothing", pod("p").required(new NodeSelectorTerm()),
            false),
        Arguments.of("matchFields metadata.name", pod("p").required(new NodeSelectorTerm(null,
            List.of(new NodeSelectorRequirement("metadata.name", "In", List.of("node01"))))),
            true),
        Arguments.of("nodeSelector and affinity both needed", pod("p")
            .nodeSelector("disktype", "hdd").required(term(req("cores", "Gt", "4"))), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredCases")
  void filter(String name, Builders.PodSpec pod, boolean passes) {
    var s = plugin.filter(PodInfo.of(pod.build()), NodeInfo.of(SSD.build()));
    assertThat(s.isSuccess()).as(s.toString()).isEqualTo(passes);
    if (!passes) {
      assertThat(s.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
    }
  }

  static Stream<Arguments> preferredCases() {
    return Stream.of(
        Arguments.of(pod("p"), 0),
        Arguments.of(pod("p").preferred(1, term(req("disktype", "In", "ssd"))), 1),
        Arguments.of(pod("p").preferred(1, term(req("disktype", "In", "ssd")))
            .preferred(50, term(req("cores", "Gt", "4")))
            .preferred(20, term(req("zone", "Exists"))), 51));
  }

  @ParameterizedTest
  @MethodSource("preferredCases")
  void scoreSumsMatchingPreferredWeights(Builders.PodSpec pod, long score) {
    assertThat(plugin.score(PodInfo.of(pod.build()), NodeInfo.of(SSD.build()))).isEqualTo(score);
  }

  @Test
  void normalizedByTheHighestScore() {
    long[] scores = {0, 25, 50};
    plugin.normalize(null, scores);
    assertThat(scores).containsExactly(0, 50, 100);
    assertThat(plugin.skip(PodInfo.of(pod("p").build()))).isTrue();
  }
}

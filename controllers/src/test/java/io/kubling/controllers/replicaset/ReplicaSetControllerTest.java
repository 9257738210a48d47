package io.kubling.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubling.controllers.Fixtures;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetControllerTest {
  static Pod owned(Pod p) {
    return Fixtures.owned(p, Fixtures.replicaSet("web", 1, "rs-uid"));
  }

  /** Running, not ready, owned: "became ready" then changes nothing but readiness. */
  static Pod base() {
    return owned(Fixtures.pod("p", Map.of("app", "web"), "notready", 1));
  }

  static Stream<Arguments> changes() {
    return Stream.<Arguments>of(
        Arguments.of("bound to a node", (UnaryOperator<Pod>) p -> new PodBuilder(p).editSpec()
            .withNodeName("node-b").endSpec().build(), false),
        Arguments.of("an annotation", (UnaryOperator<Pod>) p -> new PodBuilder(p).editMetadata()
            .addToAnnotations("a", "b").endMetadata().build(), false),
        Arguments.of("pod IP reported", (UnaryOperator<Pod>) p -> new PodBuilder(p)
            .editOrNewStatus().withPodIP("10.244.0.2").endStatus().build(), false),
        Arguments.of("labels", (UnaryOperator<Pod>) p -> new PodBuilder(p).editMetadata()
            .addToLabels("tier", "x").endMetadata().build(), true),
        Arguments.of("owner released", (UnaryOperator<Pod>) p -> new PodBuilder(p).editMetadata()
            .withOwnerReferences().endMetadata().build(), true),
        Arguments.of("marked for deletion", (UnaryOperator<Pod>) p -> new PodBuilder(p)
            .editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build(),
            true),
        Arguments.of("phase", (UnaryOperator<Pod>) p -> new PodBuilder(p).editOrNewStatus()
            .withPhase("Failed").endStatus().build(), true),
        Arguments.of("became ready", (UnaryOperator<Pod>) p -> owned(Fixtures.pod("p",
            Map.of("app", "web"), "ready", 1)), true));
  }

  @ParameterizedTest(name = "{0} → sync {2}")
  @MethodSource("changes")
  void aPodUpdateSyncsItsReplicaSetOnlyWhenItCanChangeTheOutcome(String what,
      UnaryOperator<Pod> change, boolean matters) {
    assertThat(ReplicaSetController.podChangeMatters(base(), change.apply(base())))
        .isEqualTo(matters);
  }
}

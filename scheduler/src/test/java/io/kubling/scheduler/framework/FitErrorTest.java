package io.kubling.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FitErrorTest {

  static Stream<Arguments> cases() {
    Map<String, Integer> issueExample = new LinkedHashMap<>();
    issueExample.put("Insufficient cpu", 2);
    issueExample.put("node(s) had untolerated taint {spray: mortein}", 1);
    Map<String, Integer> sortedAsStrings = new LinkedHashMap<>();
    sortedAsStrings.put("node(s) were unschedulable", 2);
    sortedAsStrings.put("Insufficient memory", 10);
    sortedAsStrings.put("Insufficient cpu", 10);
    return Stream.of(
        Arguments.of(3, issueExample,
            "0/3 nodes are available: 1 node(s) had untolerated taint {spray: mortein},"
                + " 2 Insufficient cpu."),
        // Go's sort.Strings: "10 ..." sorts before "2 ..."; one node may give several reasons.
        Arguments.of(12, sortedAsStrings, "0/12 nodes are available: 10 Insufficient cpu,"
            + " 10 Insufficient memory, 2 node(s) were unschedulable."),
        Arguments.of(1, Map.of("node(s) didn't match Pod's node affinity/selector", 1),
            "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."),
        Arguments.of(0, Map.of(), "no nodes available to schedule pods"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void formatsLikeKubernetes(int nodes, Map<String, Integer> reasons, String message) {
    assertThat(FitError.message(nodes, reasons)).isEqualTo(message);
  }
}

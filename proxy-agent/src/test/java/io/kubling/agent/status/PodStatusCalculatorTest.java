package io.kubling.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubling.agent.status.ContainerSnapshot.Termination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodStatusCalculatorTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00.123Z");

  static ContainerSnapshot running(boolean ready) {
    return new ContainerSnapshot("c", "nginx", "kubling://x", true, T0, null, null, null, null, 0,
        ready, true);
  }

  static ContainerSnapshot exited(int code, boolean terminal) {
    Termination t = new Termination(code, Termination.reasonFor(code), null, T0, T0, "id");
    return terminal
        ? new ContainerSnapshot("c", "i", "id", false, null, null, null, t, null, 0, false, false)
        : ContainerSnapshot.waiting("c", "i", "CrashLoopBackOff", "back-off", t, 1);
  }

  /** states: R running, W waiting (never ran), 0/1 terminated with that exit code, B backoff. */
  @ParameterizedTest
  @CsvSource({
      "Always,R,Running", "Always,W,Pending", "Always,RW,Pending", "Always,B,Running",
      "Never,0,Succeeded", "Never,1,Failed", "Never,01,Failed", "Never,R0,Running",
      "OnFailure,0,Succeeded", "OnFailure,B,Running", "Always,,Pending"})
  void phaseFollowsTheKubeletsRules(String policy, String states, String phase) {
    List<ContainerSnapshot> cs = new ArrayList<>();
    for (char ch : (states == null ? "" : states).toCharArray()) {
      cs.add(switch (ch) {
        case 'R' -> running(true);
        case 'W' -> ContainerSnapshot.waiting("c", "i", "ContainerCreating", null, null, 0);
        case 'B' -> exited(1, false);
        default -> exited(ch - '0', true);
      });
    }
    assertThat(PodStatusCalculator.phase(policy, cs)).isEqualTo(phase);
  }

  @Test
  void readyNeedsEveryContainerReadyAndTransitionTimesAreKept() {
    PodCondition before = new PodConditionBuilder().withType("Ready").withStatus("False")
        .withLastTransitionTime("2024-12-31T00:00:00Z").build();
    PodStatus s = PodStatusCalculator.compute(new PodStatusCalculator.Input("Always",
        "10.244.1.5", "10.250.0.1", T0, true, List.of(running(true), running(false)),
        List.of(before), "BestEffort", T0.plusSeconds(5)));
    PodCondition ready = s.getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .findFirst().orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ContainersNotReady");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2024-12-31T00:00:00Z");
    assertThat(s.getPodIP()).isEqualTo("10.244.1.5");
    assertThat(s.getPodIPs()).hasSize(1);
    assertThat(s.getHostIP()).isEqualTo("10.250.0.1");
    assertThat(s.getStartTime()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(s.getPhase()).isEqualTo("Running");
    assertThat(s.getQosClass()).isEqualTo("BestEffort");

    PodStatus all = PodStatusCalculator.compute(new PodStatusCalculator.Input("Always",
        "10.244.1.5", "10.250.0.1", T0, true, List.of(running(true)), List.of(before),
        null, T0.plusSeconds(5)));
    assertThat(all.getConditions()).anyMatch(c -> c.getType().equals("Ready")
        && c.getStatus().equals("True") && c.getLastTransitionTime().equals("2025-01-01T00:00:05Z"));
  }

  @Test
  void containerStatusesCarryStateLastStateAndRestartCount() {
    PodStatus s = PodStatusCalculator.compute(new PodStatusCalculator.Input("Always", "10.0.0.2",
        "10.0.0.1", T0, true, List.of(exited(137, false)), null, null, T0));
    var cs = s.getContainerStatuses().get(0);
    assertThat(cs.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(cs.getLastState().getTerminated().getExitCode()).isEqualTo(137);
    assertThat(cs.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(cs.getRestartCount()).isEqualTo(1);
    assertThat(cs.getReady()).isFalse();
    assertThat(cs.getStarted()).isFalse();
  }

  /**
   * The agent writes a pod's status only when the computed one differs from the one in its
   * cache, which was decoded from JSON: a status it wrote must compare equal once read back,
   * or every watch event of its own write would make it write again.
   */
  @Test
  void aStatusReadBackFromJsonEqualsTheComputedOne() {
    var json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    for (ContainerSnapshot c : List.of(running(true), exited(137, false), exited(0, true),
        ContainerSnapshot.waiting("c", "i", "ContainerCreating", null, null, 0))) {
      PodStatus s = PodStatusCalculator.compute(new PodStatusCalculator.Input("Always",
          "10.244.1.5", "10.250.0.1", T0, true, List.of(c), null, "BestEffort", T0));
      PodStatus read = json.unmarshal(json.asJson(s), PodStatus.class);
      assertThat(read).isEqualTo(s);
      // and computed again from what was read, nothing changes
      assertThat(PodStatusCalculator.compute(new PodStatusCalculator.Input("Always",
          "10.244.1.5", "10.250.0.1", T0, true, List.of(c), read.getConditions(), "BestEffort",
          T0.plusSeconds(30)))).isEqualTo(read);
    }
  }

  @Test
  void timesAreWholeSecondsInUtc() {
    assertThat(PodStatusCalculator.time(T0)).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(PodStatusCalculator.time(T0.plusMillis(800))).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(PodStatusCalculator.time(T0.plusSeconds(61))).isEqualTo("2025-01-01T00:01:01Z");
    assertThat(PodStatusCalculator.time(T0)).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(PodStatusCalculator.time(null)).isNull();
  }
}

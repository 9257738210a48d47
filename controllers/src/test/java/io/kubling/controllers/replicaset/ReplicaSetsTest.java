package io.kubling.controllers.replicaset;

import static io.kubling.controllers.Fixtures.owned;
import static io.kubling.controllers.Fixtures.pod;
import static io.kubling.controllers.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaSetsTest {

  @ParameterizedTest(name = "want {0}, have {1} -> {2}")
  @CsvSource({"3,0,3", "3,3,0", "0,5,-5", "1000,0,500", "0,1000,-500", "10,7,3"})
  void diffIsCappedAtBurstReplicas(int want, int have, int diff) {
    assertThat(ReplicaSets.diff(replicaSet("rs", want, "u"), have)).isEqualTo(diff);
  }

  @ParameterizedTest(name = "{0} creates -> batches {1}")
  @CsvSource({"0,''", "1,1", "3,1 2", "7,1 2 4", "10,1 2 4 3", "500,1 2 4 8 16 32 64 128 245"})
  void slowStartBatchesDouble(int n, String batches) {
    List<Integer> want = batches.isEmpty() ? List.of()
        : Arrays.stream(batches.split(" ")).map(Integer::valueOf).toList();
    assertThat(ReplicaSets.slowStartBatches(n)).isEqualTo(want);
    assertThat(ReplicaSets.slowStartBatches(n).stream().mapToInt(i -> i).sum()).isEqualTo(n);
  }

  @ParameterizedTest(name = "delete {1} of [{0}] -> {2}")
  @CsvSource({
      // name:state:created — unscheduled before pending before not-ready before ready
      "'a:ready:1 b:pending:1 c:notready:1 d:unscheduled:1', 1, d",
      "'a:ready:1 b:pending:1 c:notready:1 d:unscheduled:1', 3, d b c",
      "'a:ready:1 b:ready:5 c:ready:3', 2, b c",
      "'a:notready:9 b:ready:1', 1, a",
      "'a:ready:1', 0, ''",
  })
  void podsToDeleteRanksWorstAndNewestFirst(String pods, int n, String want) {
    List<Pod> list = new ArrayList<>();
    for (String s : pods.split(" ")) {
      String[] f = s.split(":");
      list.add(pod(f[0], Map.of("app", "rs"), f[1], Integer.parseInt(f[2])));
    }
    List<String> names = ReplicaSets.podsToDelete(list, n).stream()
        .map(p -> p.getMetadata().getName()).toList();
    assertThat(names).isEqualTo(want.isEmpty() ? List.of() : List.of(want.split(" ")));
  }

  @Test
  void adoptsMatchingOrphansAndReleasesPodsThatStopMatching() {
    ReplicaSet rs = replicaSet("web", 2, "rs-uid");
    Pod orphan = pod("orphan", Map.of("app", "web"), "ready", 1);
    Pod stranger = pod("stranger", Map.of("app", "db"), "ready", 1);
    Pod relabelled = owned(pod("relabelled", Map.of("app", "other"), "ready", 1), rs);
    Pod mine = owned(pod("mine", Map.of("app", "web"), "ready", 1), rs);
    List<Pod> pods = List.of(orphan, stranger, relabelled, mine);
    assertThat(ReplicaSets.toAdopt(rs, pods)).containsExactly(orphan);
    assertThat(ReplicaSets.toRelease(rs, pods)).containsExactly(relabelled);
    assertThat(ReplicaSets.owned(rs, pods)).containsExactly(mine);
  }

  @ParameterizedTest(name = "minReadySeconds={0} -> available {1}")
  @CsvSource({"0,2", "10,1"})
  void statusCountsReadyAndAvailable(int minReady, int available) {
    ReplicaSet rs = replicaSet("web", 3, "u");
    rs.getSpec().setMinReadySeconds(minReady);
    Pod old = pod("old", Map.of("app", "web"), "ready", 1);
    Pod fresh = pod("fresh", Map.of("app", "web"), "ready", 2);
    fresh.getStatus().getConditions().get(0).setLastTransitionTime("2030-01-01T00:00:05Z");
    Pod notReady = pod("nr", Map.of("other", "x"), "notready", 3);
    var status = ReplicaSets.status(rs, List.of(old, fresh, notReady),
        Instant.parse("2030-01-01T00:00:10Z"));
    assertThat(status.getReplicas()).isEqualTo(3);
    assertThat(status.getFullyLabeledReplicas()).isEqualTo(2);
    assertThat(status.getReadyReplicas()).isEqualTo(2);
    assertThat(status.getAvailableReplicas()).isEqualTo(available);
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
  }

  @Test
  void newPodCarriesTemplateLabelsAndControllerRef() {
    ReplicaSet rs = replicaSet("web", 1, "rs-uid");
    Pod p = ReplicaSets.newPod(rs, "web-abcde");
    assertThat(p.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(p.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(r -> {
          assertThat(r.getUid()).isEqualTo("rs-uid");
          assertThat(r.getController()).isTrue();
          assertThat(r.getKind()).isEqualTo("ReplicaSet");
        });
    assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("img");
  }

  @Test
  void newPodNamesSkipTakenNamesAndRepeats() {
    java.util.Iterator<String> suffixes = List.of("aaaaa", "bbbbb", "aaaaa", "ccccc", "ddddd")
        .iterator();
    assertThat(ReplicaSets.newPodNames("web", 2, java.util.Set.of("web-bbbbb"), suffixes::next))
        .containsExactly("web-aaaaa", "web-ccccc");
  }

  @Test
  void newPodNamesTrimALongBaseAsGenerateNameDoes() {
    String name = "x".repeat(70);
    assertThat(ReplicaSets.newPodNames(name, 1, java.util.Set.of(), () -> "abcde"))
        .containsExactly("x".repeat(58) + "abcde");
    assertThat(ReplicaSets.newPodNames("web", 1, java.util.Set.of(), () -> "abcde").get(0))
        .isEqualTo("web-abcde");
  }

  @Test
  void newPodNamesGiveUpOnASourceThatOnlyRepeats() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplicaSets.newPodNames("web", 2,
        java.util.Set.of(), () -> "aaaaa")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no free pod name for web");
  }

  @Test
  void aPodFoundUnderANewPodsNameIsItOnlyWhenTheSameSetControlsIt() {
    ReplicaSet rs = replicaSet("web", 1, "rs-uid");
    Pod wanted = ReplicaSets.newPod(rs, "web-abcde");
    assertThat(ReplicaSets.sameController(ReplicaSets.newPod(rs, "web-abcde"), wanted)).isTrue();
    assertThat(ReplicaSets.sameController(
        ReplicaSets.newPod(replicaSet("web", 1, "older-uid"), "web-abcde"), wanted)).isFalse();
    assertThat(ReplicaSets.sameController(pod("web-abcde", Map.of("app", "web"), "ready", 1),
        wanted)).isFalse();
    assertThat(ReplicaSets.sameController(null, wanted)).isFalse();
  }
}

package io.kubling.controllers.replicaset;

import static io.kubling.controllers.Fixtures.owned;
import static io.kubling.controllers.Fixtures.pod;
import static io.kubling.controllers.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ReplicaSetReconcilerTest {
  final RecordingReplicaSetApi api = new RecordingReplicaSetApi();
  final Expectations expectations = new Expectations();
  final ReplicaSetReconciler reconciler = new ReplicaSetReconciler(api, expectations,
      Executors.newFixedThreadPool(4), Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"),
          ZoneOffset.UTC));

  @Test
  void createsMissingPodsOnceUntilTheCacheCatchesUp() {
    api.replicaSets.put("ns/web", replicaSet("web", 3, "rs-uid"));
    reconciler.reconcile("ns/web");
    assertThat(api.count("create ")).isEqualTo(3);
    // a burst of events before the informer saw the pods: no second round of creates
    reconciler.reconcile("ns/web");
    reconciler.reconcile("ns/web");
    assertThat(api.count("create ")).isEqualTo(3);
    api.observeCreates();
    reconciler.reconcile("ns/web");
    assertThat(api.count("create ")).isEqualTo(3);
    assertThat(api.calls).contains("status replicas=3 ready=0");
  }

  @Test
  void capsOneSyncAtBurstReplicasInSlowStartBatches() {
    api.replicaSets.put("ns/big", replicaSet("big", 1000, "u"));
    reconciler.reconcile("ns/big");
    assertThat(api.count("create ")).isEqualTo(ReplicaSets.BURST_REPLICAS);
  }

  @Test
  void stopsAfterTheFirstFailingBatchAndForgetsTheRest() {
    api.replicaSets.put("ns/web", replicaSet("web", 10, "u"));
    api.failCreatesAfter = 2; // batch 1 (1 pod) succeeds, batch 2 (2 pods) half fails
    assertThatThrownBy(() -> reconciler.reconcile("ns/web")).hasMessageContaining("quota");
    assertThat(api.count("create ")).isEqualTo(2);
    assertThat(api.count("create-failed ")).isEqualTo(1); // batches 3 and 4 never sent
    api.observeCreates();
    assertThat(expectations.satisfied("ns/web", api.pods::get, Instant.now())).isTrue();
  }

  @Test
  void deletesTheWorstPodsWhenScaledDown() {
    ReplicaSet rs = replicaSet("web", 1, "u");
    api.replicaSets.put("ns/web", rs);
    api.pods.put("a", owned(pod("a", Map.of("app", "web"), "ready", 1), rs));
    api.pods.put("b", owned(pod("b", Map.of("app", "web"), "pending", 2), rs));
    api.pods.put("c", owned(pod("c", Map.of("app", "web"), "ready", 3), rs));
    reconciler.reconcile("ns/web");
    assertThat(api.calls).contains("delete b", "delete c").doesNotContain("delete a");
  }

  @Test
  void adoptsOrphansBeforeCounting() {
    api.replicaSets.put("ns/web", replicaSet("web", 1, "u"));
    api.pods.put("orphan", pod("orphan", Map.of("app", "web"), "ready", 1));
    reconciler.reconcile("ns/web");
    assertThat(api.calls).containsExactly("adopt orphan", "status replicas=1 ready=1");
  }

  @Test
  void aDeletedReplicaSetIsNothingToDo() {
    assertThat(reconciler.reconcile("ns/gone").requeueAfter()).isEmpty();
    assertThat(api.calls).isEmpty();
  }
}

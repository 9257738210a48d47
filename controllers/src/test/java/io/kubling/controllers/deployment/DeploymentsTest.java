package io.kubling.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentsTest {

  static IntOrString ios(String s) {
    return s.endsWith("%") ? new IntOrString(s) : new IntOrString(Integer.parseInt(s));
  }

  static Deployment deployment(int replicas, String surge, String unavailable) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns")
        .withUid("d-uid").withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewStrategy().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxSurge(ios(surge)).withMaxUnavailable(ios(unavailable))
        .endRollingUpdate().endStrategy()
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("v2").endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  static ReplicaSet rs(String name, int spec, int available, String created, long revision) {
    return new ReplicaSetBuilder().withNewMetadata().withName(name).withGeneration(1L)
        .withCreationTimestamp(created)
        .withAnnotations(Map.of(Deployments.REVISION, Long.toString(revision))).endMetadata()
        .withNewSpec().withReplicas(spec).endSpec()
        .withNewStatus().withReplicas(spec).withAvailableReplicas(available)
        .withObservedGeneration(1L).endStatus().build();
  }

  @ParameterizedTest(name = "replicas {0}, surge {1}, unavailable {2} -> {3}/{4}")
  @CsvSource({
      "10, 25%, 25%, 3, 2",
      "10, 3, 1, 3, 1",
      "4, 0, 0, 0, 1",
      "3, 0, 100%, 0, 3",
      "1, 25%, 25%, 1, 0",
      "5, 50%, 0, 3, 0",
  })
  void surgeRoundsUpUnavailableRoundsDown(int replicas, String surge, String unavailable,
      int wantSurge, int wantUnavailable) {
    Deployment d = deployment(replicas, surge, unavailable);
    assertThat(Deployments.maxSurge(d)).isEqualTo(wantSurge);
    assertThat(Deployments.maxUnavailable(d)).isEqualTo(wantUnavailable);
  }

  @ParameterizedTest(name = "replicas {0} surge {1}: total {2}, new {3} -> {4}")
  @CsvSource({
      "3, 1, 3, 0, 1",   // one surge pod
      "3, 1, 4, 1, 1",   // at the ceiling: wait
      "3, 2, 3, 0, 2",
      "3, 1, 2, 2, 3",   // old ones gone: fill up to replicas
      "10, 3, 10, 0, 3",
  })
  void newReplicaSetGrowsWithinTheSurge(int replicas, String surge, int total, int newSpec,
      int want) {
    Deployment d = deployment(replicas, surge, "0");
    assertThat(Deployments.newReplicaSetReplicas(d, total, newSpec)).isEqualTo(want);
  }

  @ParameterizedTest(name = "old {1}/{2} avail, new {3}/{4} avail, unavailable {0} -> old {5}")
  @CsvSource({
      // replicas 3: minAvailable = 3 - maxUnavailable
      "1, 3, 3, 1, 0, 2",  // new not ready: only maxUnavailable may go
      "0, 3, 3, 1, 0, 3",  // nothing may go until the new pod is available
      "0, 3, 3, 1, 1, 2",
      "1, 3, 1, 1, 0, 2",  // an unhealthy old pod goes first, within the budget
      "1, 2, 2, 3, 3, 0",
  })
  void oldSetsScaleDownKeepsMinimumAvailability(int unavailable, int oldSpec, int oldAvail,
      int newSpec, int newAvail, int wantOld) {
    Deployment d = deployment(3, "1", Integer.toString(unavailable));
    ReplicaSet old = rs("old", oldSpec, oldAvail, "2020-01-01T00:00:00Z", 1);
    ReplicaSet neu = rs("new", newSpec, newAvail, "2020-01-02T00:00:00Z", 2);
    Map<String, Integer> down = Deployments.oldReplicaSetsScaleDown(d, neu, List.of(old));
    assertThat(down.getOrDefault("old", oldSpec)).isEqualTo(wantOld);
  }

  @ParameterizedTest(name = "new rev {0}, old revs [{1}] -> {2}")
  @CsvSource({"0, '', 1", "0, '1 2', 3", "3, '1 2', 3", "1, '2 3', 4"})
  void revisionsOnlyMoveForward(long newRev, String oldRevs, long want) {
    List<ReplicaSet> old = new ArrayList<>();
    for (String r : oldRevs.isEmpty() ? new String[0] : oldRevs.split(" ")) {
      old.add(rs("o" + r, 0, 0, "2020-01-01T00:00:00Z", Long.parseLong(r)));
    }
    ReplicaSet n = newRev == 0 ? null : rs("n", 1, 1, "2020-01-01T00:00:00Z", newRev);
    assertThat(Deployments.newRevision(n, old)).isEqualTo(want);
  }

  @Test
  void historyKeepsTheNewestEmptySets() {
    Deployment d = deployment(3, "1", "1");
    d.getSpec().setRevisionHistoryLimit(1);
    List<ReplicaSet> old = List.of(rs("r1", 0, 0, "2020-01-01T00:00:00Z", 1),
        rs("r3", 0, 0, "2020-01-03T00:00:00Z", 3), rs("r2", 0, 0, "2020-01-02T00:00:00Z", 2),
        rs("busy", 2, 2, "2020-01-04T00:00:00Z", 4));
    assertThat(Deployments.historyToDelete(d, old)).extracting(r -> r.getMetadata().getName())
        .containsExactly("r1", "r2", "r3");
    d.getSpec().setRevisionHistoryLimit(10);
    assertThat(Deployments.historyToDelete(d, old)).isEmpty();
  }

  @Test
  void statusAndConditions() {
    Deployment d = deployment(3, "1", "1");
    ReplicaSet neu = rs("new", 3, 3, "2020-01-02T00:00:00Z", 2);
    var s = DeploymentStatuses.status(d, neu, List.of(neu), java.time.Instant.EPOCH);
    assertThat(s.getUpdatedReplicas()).isEqualTo(3);
    assertThat(s.getAvailableReplicas()).isEqualTo(3);
    assertThat(s.getConditions()).extracting(c -> c.getType() + "=" + c.getReason())
        .containsExactly("Available=MinimumReplicasAvailable", "Progressing=NewReplicaSetAvailable");
    ReplicaSet half = rs("new", 3, 1, "2020-01-02T00:00:00Z", 2);
    var p = DeploymentStatuses.status(d, half, List.of(half), java.time.Instant.EPOCH);
    assertThat(p.getConditions()).extracting(c -> c.getType() + "=" + c.getReason())
        .containsExactly("Available=MinimumReplicasUnavailable", "Progressing=ReplicaSetUpdated");
    d.getSpec().setProgressDeadlineSeconds(10);
    d.setStatus(p);
    var late = DeploymentStatuses.status(d, half, List.of(half),
        java.time.Instant.EPOCH.plusSeconds(60));
    assertThat(late.getConditions().get(1).getReason()).isEqualTo("ProgressDeadlineExceeded");
  }
}

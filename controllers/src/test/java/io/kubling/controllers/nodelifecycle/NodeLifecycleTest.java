package io.kubling.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.kubling.controllers.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeLifecycleTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  static Taint taint() {
    return new TaintBuilder().withKey(NodeHealth.UNREACHABLE).withEffect("NoExecute")
        .withTimeAdded(T0.toString()).build();
  }

  static Pod pod(String name, String tolerationKey, String effect, Long seconds) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
        .endMetadata().withNewSpec().withNodeName("n1").endSpec();
    if (tolerationKey != null) {
      b.editSpec().addToTolerations(new TolerationBuilder().withKey(
          tolerationKey.equals("*") ? null : tolerationKey).withOperator("Exists")
          .withEffect(effect).withTolerationSeconds(seconds).build()).endSpec();
    }
    return b.build();
  }

  @ParameterizedTest(name = "toleration {0}/{1}/{2}s -> evict after {3}")
  @CsvSource({
      ", , , 300",                                            // none: the default
      "node.kubernetes.io/unreachable, NoExecute, 30, 30",
      "node.kubernetes.io/unreachable, NoExecute, , never",
      "*, , , never",                                         // tolerates everything
      "node.kubernetes.io/unreachable, NoSchedule, 30, 0",     // mentions it, wrong effect
      "other, NoExecute, 30, 300",                            // about another taint
  })
  void evictionTime(String key, String effect, Long seconds, String want) {
    Optional<Instant> at = NodeHealth.evictAt(pod("p", key, effect, seconds), taint(),
        Duration.ofSeconds(300));
    assertThat(at.map(i -> Long.toString(Duration.between(T0, i).toSeconds())).orElse("never"))
        .isEqualTo(want);
  }

  @Test
  void taintsAreAddedOnceAndRemoved() {
    List<Taint> added = NodeHealth.taints(null, true, T0);
    assertThat(added).singleElement().satisfies(t -> assertThat(t.getTimeAdded())
        .isEqualTo(T0.toString()));
    assertThat(NodeHealth.taints(added, true, T0.plusSeconds(9))).isEqualTo(added);
    Taint other = new TaintBuilder().withKey("x").withEffect("NoSchedule").build();
    assertThat(NodeHealth.taints(List.of(other, added.get(0)), false, T0)).containsExactly(other);
  }

  /** Recording fake: writes land in its own node at once. */
  static final class RecordingApi implements NodeLifecycleApi {
    Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewSpec()
        .endSpec().withNewStatus().withConditions(new NodeConditionBuilder().withType("Ready")
            .withStatus("True").build()).endStatus().build();
    Lease lease = null;
    final List<Pod> pods = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<Node> node(String name) {
      return Optional.ofNullable(node);
    }

    @Override
    public Optional<Lease> lease(String n) {
      return Optional.ofNullable(lease);
    }

    @Override
    public List<Pod> podsOn(String n) {
      return List.copyOf(pods);
    }

    @Override
    public void setTaints(Node n, List<Taint> taints) {
      calls.add(taints.isEmpty() ? "untaint" : "taint");
      node = new NodeBuilder(node).editSpec().withTaints(taints).endSpec().build();
    }

    @Override
    public void setConditions(Node n, List<NodeCondition> conditions) {
      calls.add("Ready=" + conditions.get(0).getStatus());
      node = new NodeBuilder(node).editStatus().withConditions(conditions).endStatus().build();
    }

    @Override
    public void evict(Pod pod) {
      calls.add("evict " + pod.getMetadata().getName());
      pods.remove(pod);
    }

    void renew(Instant at) {
      lease = new LeaseBuilder().withNewMetadata().withName("n1").endMetadata().withNewSpec()
          .withRenewTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC)).endSpec().build();
    }
  }

  @Test
  void silentNodeIsTaintedItsPodsEvictedInTurnAndUntaintedWhenBack() {
    RecordingApi api = new RecordingApi();
    MutableClock clock = new MutableClock(T0);
    NodeLifecycleReconciler r = new NodeLifecycleReconciler(api, clock, Duration.ofSeconds(40),
        Duration.ofSeconds(5), Duration.ofSeconds(300));
    api.pods.add(pod("default", null, null, null));
    api.pods.add(pod("short", NodeHealth.UNREACHABLE, "NoExecute", 10L));
    api.renew(T0);
    r.reconcile("n1");
    clock.advance(Duration.ofSeconds(30));
    r.reconcile("n1");
    assertThat(api.calls).isEmpty();

    clock.advance(Duration.ofSeconds(11)); // 41 s silent
    r.reconcile("n1");
    assertThat(api.calls).containsExactly("taint", "Ready=Unknown");
    clock.advance(Duration.ofSeconds(10));
    var result = r.reconcile("n1");
    assertThat(api.calls).endsWith("evict short");
    assertThat(result.requeueAfter()).isPresent();

    clock.advance(Duration.ofSeconds(300));
    r.reconcile("n1");
    assertThat(api.calls).endsWith("evict default");

    api.renew(clock.instant());
    r.reconcile("n1");
    assertThat(api.calls).last().isEqualTo("untaint");
  }
}

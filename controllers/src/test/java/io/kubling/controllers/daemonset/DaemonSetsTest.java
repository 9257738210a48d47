package io.kubling.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaemonSetsTest {
  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  static DaemonSet ds(String image) {
    return new DaemonSetBuilder().withApiVersion("apps/v1").withKind("DaemonSet")
        .withNewMetadata().withName("agent").withNamespace("ns").withUid("ds-uid")
        .withGeneration(1L).endMetadata().withNewSpec()
        .withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  /** name[:label=value][:taint=key:effect] */
  static Node node(String spec) {
    String[] f = spec.split(";");
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(f[0]).endMetadata()
        .withNewSpec().endSpec();
    for (int i = 1; i < f.length; i++) {
      String[] kv = f[i].split("=", 2);
      if (kv[0].equals("taint")) {
        String[] t = kv[1].split(":");
        b.editSpec().addToTaints(new TaintBuilder().withKey(t[0]).withEffect(t[1]).build())
            .endSpec();
      } else {
        b.editMetadata().addToLabels(kv[0], kv[1]).endMetadata();
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource({
      "n1, '', true",
      "n1;disk=ssd, selector, true",
      "n1, selector, false",
      "n1;taint=dedicated:NoSchedule, '', false",
      "n1;taint=dedicated:NoSchedule, toleration, true",
      "n1;taint=dedicated:PreferNoSchedule, '', true",
      "n1;taint=node.kubernetes.io/unreachable:NoExecute, '', true",   // default toleration
      "n1;taint=node.kubernetes.io/unschedulable:NoSchedule, '', true",
      "n1;zone=a, affinity, true",
      "n1;zone=b, affinity, false",
  })
  void shouldRun(String nodeSpec, String podSpec, boolean want) {
    DaemonSet ds = ds("img");
    var spec = ds.getSpec().getTemplate().getSpec();
    switch (podSpec) {
      case "selector" -> spec.setNodeSelector(Map.of("disk", "ssd"));
      case "toleration" -> spec.setTolerations(List.of(new TolerationBuilder().withKey("dedicated")
          .withOperator("Exists").build()));
      case "affinity" -> spec.setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder()
          .withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
          .withNodeSelectorTerms(new NodeSelectorTermBuilder().withMatchExpressions(
              new NodeSelectorRequirementBuilder().withKey("zone").withOperator("In")
                  .withValues("a").build()).build())
          .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
      default -> { }
    }
    assertThat(DaemonSets.shouldRun(ds, node(nodeSpec))).isEqualTo(want);
  }

  static Pod pod(DaemonSet ds, String node, String hash, boolean ready, int created) {
    Pod p = DaemonSets.newPod(ds, node, "agent-" + node + "-" + created);
    return new PodBuilder(p).editMetadata().addToLabels(DaemonSets.HASH_LABEL, hash)
        .withCreationTimestamp(Instant.ofEpochSecond(created).toString()).endMetadata()
        .withNewStatus().withPhase("Running").withConditions(new PodConditionBuilder()
            .withType("Ready").withStatus(ready ? "True" : "False").build()).endStatus().build();
  }

  @Test
  void followsNodesJoiningAndLeaving() {
    DaemonSet ds = ds("v1");
    String h = DaemonSets.hash(ds);
    List<Node> nodes = List.of(node("a"), node("b"), node("c;taint=x:NoSchedule"));
    List<Pod> pods = List.of(pod(ds, "a", h, true, 1), pod(ds, "gone", h, true, 2),
        pod(ds, "c", h, true, 3), pod(ds, "a", h, true, 4));
    var plan = DaemonSets.plan(ds, nodes, pods, NOW);
    assertThat(plan.createOn()).containsExactly("b");
    assertThat(plan.delete()).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("agent-a-4", "agent-gone-2", "agent-c-3");
  }

  @ParameterizedTest(name = "maxUnavailable {0}, old pods ready [{1}] -> delete {2}")
  @CsvSource({
      "1, 'a:true b:true c:true', 'a'",
      "2, 'a:true b:true c:true', 'a b'",
      "1, 'a:false b:true c:true', 'a'",        // the unavailable one, no budget left
      "2, 'a:false b:true c:true', 'a b'",
      "34%, 'a:true b:true c:true', 'a b'",     // 34% of 3 rounds up to 2
  })
  void rollingUpdateStaysWithinMaxUnavailable(String maxUnavailable, String pods, String want) {
    DaemonSet ds = ds("v2");
    ds.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps
        .DaemonSetUpdateStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxUnavailable(maxUnavailable.endsWith("%") ? new IntOrString(maxUnavailable)
            : new IntOrString(Integer.parseInt(maxUnavailable))).endRollingUpdate().build());
    List<Pod> list = new ArrayList<>();
    int i = 0;
    for (String s : pods.split(" ")) {
      String[] f = s.split(":");
      list.add(pod(ds, f[0], "old-hash", Boolean.parseBoolean(f[1]), i++));
    }
    var plan = DaemonSets.plan(ds, List.of(node("a"), node("b"), node("c")), list, NOW);
    assertThat(plan.createOn()).isEmpty();
    assertThat(plan.delete()).extracting(p -> p.getSpec().getNodeName())
        .containsExactlyInAnyOrder(want.split(" "));
  }

  @Test
  void newPodIsPlacedOnItsNodeWithDefaultTolerations() {
    Pod p = DaemonSets.newPod(ds("v1"), "n1", "agent-x");
    assertThat(p.getSpec().getNodeName()).isEqualTo("n1");
    assertThat(p.getSpec().getTolerations()).extracting(t -> t.getKey())
        .contains("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready");
    assertThat(p.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("DaemonSet");
    assertThat(p.getMetadata().getLabels()).containsKey(DaemonSets.HASH_LABEL);
  }

  @Test
  void statusCountsPerNode() {
    DaemonSet ds = ds("v1");
    String h = DaemonSets.hash(ds);
    var s = DaemonSets.status(ds, List.of(node("a"), node("b"), node("c;taint=x:NoSchedule")),
        List.of(pod(ds, "a", h, true, 1), pod(ds, "b", "old", false, 2), pod(ds, "c", h, true, 3)),
        NOW);
    assertThat(s.getDesiredNumberScheduled()).isEqualTo(2);
    assertThat(s.getCurrentNumberScheduled()).isEqualTo(2);
    assertThat(s.getNumberMisscheduled()).isEqualTo(1);
    assertThat(s.getNumberReady()).isEqualTo(1);
    assertThat(s.getUpdatedNumberScheduled()).isEqualTo(1);
    assertThat(s.getNumberUnavailable()).isEqualTo(1);
  }
}

package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubectl taint, cordon, uncordon and drain. Drain evicts through pods/eviction; the API
 * server marks the pods for deletion and a {@link FakeKubelet} finishes them, as a kubelet
 * would once their containers stopped.
 */
abstract class KubectlNode extends KubectlSuite {
  private FakeKubelet kubelet;

  KubectlNode(Client client) {
    super(client);
  }

  @BeforeAll
  void nodes() {
    Fixtures.node(k.api, "node01", "10.0.0.11", "control-plane");
    Fixtures.node(k.api, "node02", "10.0.0.12", "worker");
    kubelet = FakeKubelet.start(k, "node01", "node02");
  }

  @AfterAll
  void stopKubelet() {
    if (kubelet != null) {
      kubelet.close();
    }
  }

  @Test
  void taintAndRemoveTaint() {
    assertThat(k.ok("taint", "node", "node01", "spray=mortein:NoSchedule"))
        .isEqualTo("node/node01 tainted\n");
    assertThat(k.api.object("/api/v1/nodes/node01").at("/spec/taints")).isEqualTo(Api.json(
        "[{\"key\":\"spray\",\"value\":\"mortein\",\"effect\":\"NoSchedule\"}]"));
    assertThat(k.ok("describe", "node", "node01"))
        .contains("\nTaints:             spray=mortein:NoSchedule\n");

    assertThat(k.ok("taint", "node", "node01", "spray=mortein:NoSchedule-"))
        .isEqualTo("node/node01 untainted\n");
    assertThat(k.api.object("/api/v1/nodes/node01").path("spec").has("taints")).isFalse();
  }

  @Test
  void cordonAndUncordon() {
    assertThat(k.ok("cordon", "node01")).isEqualTo("node/node01 cordoned\n");
    assertThat(k.api.object("/api/v1/nodes/node01").at("/spec/unschedulable").asBoolean())
        .isTrue();
    assertThat(Table.parse(k.ok("get", "nodes")).row("node01").get("STATUS"))
        .isEqualTo("Ready,SchedulingDisabled");

    assertThat(k.ok("uncordon", "node01")).isEqualTo("node/node01 uncordoned\n");
    assertThat(k.api.object("/api/v1/nodes/node01").path("spec").has("unschedulable"))
        .isFalse();
    assertThat(Table.parse(k.ok("get", "nodes")).row("node01").get("STATUS"))
        .isEqualTo("Ready");
  }

  /**
   * node02 runs a ReplicaSet's pod, a DaemonSet's pod and a bare pod. Drain refuses the bare
   * pod without --force, then evicts it and the ReplicaSet's pod, leaving the DaemonSet's.
   */
  @Test
  void drainIgnoringDaemonSets() {
    JsonNode rs = k.api.post("/apis/apps/v1/namespaces/default/replicasets", """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""").ok().body();
    JsonNode ds = k.api.post("/apis/apps/v1/namespaces/kube-system/daemonsets", """
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"fluentd"},
         "spec":{"selector":{"matchLabels":{"app":"fluentd"}},
          "template":{"metadata":{"labels":{"app":"fluentd"}},
           "spec":{"containers":[{"name":"fluentd","image":"fluentd:v1"}]}}}}""").ok().body();
    Fixtures.pod(k.api, "default", "web-5d8f7", "node02", "nginx", "{\"app\":\"web\"}",
        Fixtures.owner(rs));
    Fixtures.pod(k.api, "kube-system", "fluentd-x7k2p", "node02", "fluentd:v1",
        "{\"app\":\"fluentd\"}", Fixtures.owner(ds));
    Fixtures.pod(k.api, "default", "bare", "node02", "busybox", "{}", null);

    var refused = k.run("drain", "node02", "--ignore-daemonsets");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).isEqualTo("node/node02 cordoned\n");
    String refusal = client.minor >= 28 ? "cannot delete Pods that declare no controller"
        : "cannot delete Pods declare no controller"; // kubectl's wording before 1.28
    assertThat(refused.err()).contains(refusal + " (use --force to override): default/bare");

    var drained = k.run("drain", "node02", "--ignore-daemonsets", "--force").assertOk();
    assertThat(drained.out().lines().sorted()).containsExactly(
        "evicting pod default/bare",
        "evicting pod default/web-5d8f7",
        "node/node02 already cordoned",
        "node/node02 drained",
        "pod/bare evicted",
        "pod/web-5d8f7 evicted");
    // One warning line; kubectl orders its parts as a Go map iterates.
    assertThat(drained.err()).startsWith("Warning: ")
        .contains("deleting Pods that declare no controller: default/bare")
        .contains("ignoring DaemonSet-managed Pods: kube-system/fluentd-x7k2p");

    List<String> left = Table.parse(k.ok("get", "pods", "-A", "-o", "wide")).rows().stream()
        .filter(r -> r.get("NODE").equals("node02")).map(r -> r.get("NAME")).toList();
    assertThat(left).containsExactly("fluentd-x7k2p");
    assertThat(Table.parse(k.ok("get", "nodes")).row("node02").get("STATUS"))
        .isEqualTo("Ready,SchedulingDisabled");
  }
}

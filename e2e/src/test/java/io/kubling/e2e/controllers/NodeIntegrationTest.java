package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubling.controllers.Pods;
import io.kubling.controllers.nodelifecycle.NodeHealth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeIntegrationTest {
  static ControlPlane cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ControlPlane();
    // Short grace and toleration so that a silent node is acted on within seconds; the
    // agents renew their Leases every half second, well inside the grace.
    cluster.startManager("nodes", o -> o.withNodeMonitor(Duration.ofSeconds(4),
        Duration.ofMillis(500), Duration.ofSeconds(2)));
    cluster.nodes.leaseDuration(Duration.ofSeconds(2));
    for (String n : List.of("node-a", "node-b", "node-c")) {
      cluster.nodes.join(n);
    }
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static Node node(String name) {
    return cluster.client.nodes().withName(name).get();
  }

  static boolean tainted(String name) {
    Node n = node(name);
    return n.getSpec().getTaints() != null && n.getSpec().getTaints().stream()
        .anyMatch(t -> NodeHealth.UNREACHABLE.equals(t.getKey()));
  }

  @Test
  void everyNodeGetsItsOwnPodCidr() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      List<String> cidrs = cluster.client.nodes().list().getItems().stream()
          .map(n -> n.getSpec().getPodCIDR()).toList();
      assertThat(cidrs).hasSize(3).doesNotContainNull().doesNotHaveDuplicates()
          .allMatch(c -> c.startsWith("10.244.") && c.endsWith("/24"));
    });
  }

  @Test
  void aSilentNodeIsTaintedItsPodsRecreatedElsewhereAndItIsUntaintedWhenBack() throws Exception {
    cluster.client.apps().replicaSets().inNamespace("default")
        .resource(Workloads.replicaSet("spread", 6)).create();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Workloads.running(cluster.client, "default", "spread").size() == 6);
    String victim = "node-a";
    long onVictim = Workloads.running(cluster.client, "default", "spread").stream()
        .filter(p -> victim.equals(p.getSpec().getNodeName())).count();
    assertThat(onVictim).isPositive();

    cluster.nodes.silence(victim);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(tainted(victim)).isTrue();
      assertThat(node(victim).getStatus().getConditions()).anyMatch(
          c -> "Ready".equals(c.getType()) && "Unknown".equals(c.getStatus()));
    });
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<Pod> running = Workloads.running(cluster.client, "default", "spread");
      assertThat(running).hasSize(6);
      assertThat(running).noneMatch(p -> victim.equals(p.getSpec().getNodeName()));
      // the evicted ones are marked for deletion, stuck on the silent node
      assertThat(cluster.client.pods().inNamespace("default").withLabel("app", "spread").list()
          .getItems().stream().filter(p -> victim.equals(p.getSpec().getNodeName())))
          .allMatch(Pods::isTerminating);
    });

    cluster.nodes.resume(victim);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tainted(victim)).isFalse());
  }
}

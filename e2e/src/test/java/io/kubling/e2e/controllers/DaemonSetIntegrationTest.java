package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.kubling.controllers.Pods;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DaemonSetIntegrationTest {
  static ControlPlane cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ControlPlane();
    cluster.startManager();
    cluster.nodes.join("node-a");
    cluster.nodes.join("node-b");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static List<String> nodesWithPods() {
    return cluster.client.pods().inNamespace("default").withLabel("app", "agent").list()
        .getItems().stream().filter(Pods::isActive).map(p -> p.getSpec().getNodeName()).sorted()
        .toList();
  }

  @Test
  void followsNodesJoiningAndLeavingAndRollsANewTemplate() throws Exception {
    DaemonSet ds = new DaemonSetBuilder().withNewMetadata().withName("agent")
        .withNamespace("default").endMetadata().withNewSpec()
        .withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withTemplate(Workloads.template("agent", "busybox:1.36")).endSpec().build();
    cluster.client.apps().daemonSets().inNamespace("default").resource(ds).create();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(nodesWithPods()).containsExactly("node-a", "node-b"));

    cluster.nodes.join("node-c");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(nodesWithPods()).containsExactly("node-a", "node-b", "node-c"));

    cluster.nodes.leave("node-b");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(nodesWithPods()).containsExactly("node-a", "node-c");
      assertThat(cluster.client.pods().inNamespace("default").withLabel("app", "agent").list()
          .getItems()).noneMatch(p -> "node-b".equals(p.getSpec().getNodeName()));
    });

    Workloads.edit(cluster.client.apps().daemonSets().inNamespace("default").withName("agent"),
        d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:1.37");
          return d;
        });
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<Pod> pods = Workloads.running(cluster.client, "default", "agent");
      assertThat(pods).hasSize(2)
          .allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("busybox:1.37"));
      DaemonSet now = cluster.client.apps().daemonSets().inNamespace("default").withName("agent")
          .get();
      assertThat(now.getStatus().getDesiredNumberScheduled()).isEqualTo(2);
      assertThat(now.getStatus().getUpdatedNumberScheduled()).isEqualTo(2);
      assertThat(now.getStatus().getNumberReady()).isEqualTo(2);
    });
  }
}

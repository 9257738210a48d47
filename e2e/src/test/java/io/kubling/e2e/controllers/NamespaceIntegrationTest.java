package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NamespaceIntegrationTest {
  static ControlPlane cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ControlPlane();
    cluster.startManager();
    cluster.nodes.join("node-a");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void newNamespaceGetsADefaultServiceAccountAndDeletionEmptiesThenRemovesIt() {
    cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("team").endMetadata().build()).create();
    await().atMost(Duration.ofSeconds(20)).until(() ->
        cluster.client.serviceAccounts().inNamespace("team").withName("default").get() != null);
    ReplicaSet rs = Workloads.replicaSet("app", 3);
    rs.getMetadata().setNamespace("team");
    cluster.client.apps().replicaSets().inNamespace("team").resource(rs).create();
    cluster.client.configMaps().inNamespace("team").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").endMetadata().addToData("a", "b").build()).create();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Workloads.running(cluster.client, "team", "app").size() == 3);

    cluster.client.namespaces().withName("team").delete();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      var ns = cluster.client.namespaces().withName("team").get();
      if (ns != null) {
        assertThat(ns.getStatus().getPhase()).isEqualTo("Terminating");
      }
      assertThat(ns).isNull();
    });
    assertThat(cluster.client.pods().inNamespace("team").list().getItems()).isEmpty();
    assertThat(cluster.client.configMaps().inNamespace("team").list().getItems()).isEmpty();
  }
}

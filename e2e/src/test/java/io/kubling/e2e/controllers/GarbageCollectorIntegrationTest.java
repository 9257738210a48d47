package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GarbageCollectorIntegrationTest {
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

  static List<Pod> pods(String app) {
    return cluster.client.pods().inNamespace("default").withLabel("app", app).list().getItems();
  }

  static ReplicaSet rs(String name) {
    return cluster.client.apps().replicaSets().inNamespace("default").withName(name).get();
  }

  static void createAndWait(String name) {
    cluster.client.apps().replicaSets().inNamespace("default")
        .resource(Workloads.replicaSet(name, 3)).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> Workloads.running(cluster.client, "default", name).size() == 3);
  }

  @Test
  void backgroundDeletionRemovesThePodsAfterTheOwner() {
    createAndWait("bg");
    cluster.client.apps().replicaSets().inNamespace("default").withName("bg")
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(rs("bg")).isNull();
      assertThat(pods("bg")).isEmpty();
    });
  }

  @Test
  void foregroundDeletionRemovesThePodsBeforeTheOwner() {
    createAndWait("fg");
    cluster.client.apps().replicaSets().inNamespace("default").withName("fg")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    // while any pod is left, the owner is still there, marked
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      ReplicaSet now = rs("fg");
      if (now != null) {
        assertThat(now.getMetadata().getDeletionTimestamp()).isNotNull();
        return false;
      }
      return true;
    });
    assertThat(pods("fg")).isEmpty();
  }

  @Test
  void orphanDeletionKeepsThePodsWithoutOwners() {
    createAndWait("or");
    List<String> before = pods("or").stream().map(p -> p.getMetadata().getName()).sorted().toList();
    cluster.client.apps().replicaSets().inNamespace("default").withName("or")
        .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> rs("or") == null);
    assertThat(pods("or")).extracting(p -> p.getMetadata().getName()).containsExactlyElementsOf(before);
    assertThat(pods("or")).allMatch(p -> p.getMetadata().getOwnerReferences() == null
        || p.getMetadata().getOwnerReferences().isEmpty());
  }
}

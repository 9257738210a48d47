package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubling.controllers.Pods;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplicaSetIntegrationTest {
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

  static List<Pod> running(String app) {
    return Workloads.running(cluster.client, "default", app);
  }

  @Test
  void scalesFromZeroToHundredAndDownToThree() {
    var rs = cluster.client.apps().replicaSets().inNamespace("default")
        .resource(Workloads.replicaSet("web", 0)).create();
    cluster.client.apps().replicaSets().inNamespace("default").withName("web").scale(100);
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      assertThat(running("web")).hasSize(100);
      ReplicaSet now = cluster.client.apps().replicaSets().inNamespace("default").withName("web").get();
      assertThat(now.getStatus().getReadyReplicas()).isEqualTo(100);
    });
    cluster.client.apps().replicaSets().inNamespace("default").withName("web").scale(3);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<Pod> all = cluster.client.pods().inNamespace("default").withLabel("app", "web").list()
          .getItems();
      assertThat(all).hasSize(3);
      assertThat(all).allMatch(p -> p.getMetadata().getOwnerReferences().get(0).getUid()
          .equals(rs.getMetadata().getUid()));
      ReplicaSet now = cluster.client.apps().replicaSets().inNamespace("default").withName("web").get();
      assertThat(now.getStatus().getReplicas()).isEqualTo(3);
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(3);
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
    });
  }

  @Test
  void replacesADeletedPod() {
    cluster.client.apps().replicaSets().inNamespace("default").resource(Workloads.replicaSet("solo", 2))
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> running("solo").size() == 2);
    Pod victim = running("solo").get(0);
    cluster.client.pods().inNamespace("default").withName(victim.getMetadata().getName()).delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<Pod> now = running("solo");
      assertThat(now).hasSize(2);
      assertThat(now).noneMatch(p -> p.getMetadata().getName()
          .equals(victim.getMetadata().getName()));
    });
  }
}

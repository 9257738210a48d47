package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubling.controllers.Pods;
import io.kubling.testkit.Kubectl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentIntegrationTest {
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

  static Deployment deployment(String name, int replicas, String image) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default")
        .endMetadata().withNewSpec().withReplicas(replicas)
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(1))
        .endRollingUpdate().endStrategy()
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withTemplate(Workloads.template(name, image)).endSpec().build();
  }

  static Deployment get(String name) {
    return cluster.client.apps().deployments().inNamespace("default").withName(name).get();
  }

  static List<ReplicaSet> replicaSets(String app) {
    return cluster.client.apps().replicaSets().inNamespace("default").withLabel("app", app)
        .list().getItems();
  }

  static boolean complete(String name, int replicas) {
    Deployment d = get(name);
    var s = d.getStatus();
    return s != null && s.getObservedGeneration() != null
        && s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && Integer.valueOf(replicas).equals(s.getUpdatedReplicas())
        && Integer.valueOf(replicas).equals(s.getReplicas())
        && Integer.valueOf(replicas).equals(s.getAvailableReplicas());
  }

  static void setImage(String name, String image) {
    Workloads.edit(cluster.client.apps().deployments().inNamespace("default").withName(name), d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
      return d;
    });
  }

  @Test
  void rollingUpdateNeverDropsBelowMinimumReadyAndEndsWithOldSetAtZero() throws Exception {
    int replicas = 4;
    cluster.client.apps().deployments().inNamespace("default")
        .resource(deployment("roll", replicas, "nginx:1")).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> complete("roll", replicas));
    String oldRs = replicaSets("roll").get(0).getMetadata().getName();

    // Every pod event updates this view; the count of ready, non-terminating pods is checked
    // after each one.
    Map<String, Pod> pods = new ConcurrentHashMap<>();
    AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger events = new AtomicInteger();
    cluster.client.pods().inNamespace("default").withLabel("app", "roll").list().getItems()
        .forEach(p -> pods.put(p.getMetadata().getName(), p));
    Watch watch = cluster.client.pods().inNamespace("default").withLabel("app", "roll")
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Pod pod) {
            synchronized (pods) {
              if (action == Action.DELETED) {
                pods.remove(pod.getMetadata().getName());
              } else {
                pods.put(pod.getMetadata().getName(), pod);
              }
              long ready = pods.values().stream().filter(Pods::isActive).filter(Pods::isReady)
                  .count();
              minReady.accumulateAndGet((int) ready, Math::min);
              events.incrementAndGet();
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
    try {
      setImage("roll", "nginx:2");
      await().atMost(Duration.ofSeconds(90)).until(() -> complete("roll", replicas)
          && get("roll").getStatus().getUpdatedReplicas() == replicas);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        ReplicaSet old = cluster.client.apps().replicaSets().inNamespace("default")
            .withName(oldRs).get();
        assertThat(old.getSpec().getReplicas()).isZero();
        assertThat(old.getStatus().getReplicas()).isZero();
      });
    } finally {
      watch.close();
    }
    assertThat(events.get()).isGreaterThan(replicas);
    assertThat(minReady.get()).isGreaterThanOrEqualTo(replicas - 1);
    assertThat(Workloads.running(cluster.client, "default", "roll"))
        .allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:2"));
    assertThat(get("roll").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
  }

  @Test
  void kubectlRolloutUndoStatusAndHistory(@TempDir Path dir) {
    Kubectl kubectl = Kubectl.withKubeconfig(Kubectl.DEFAULT, cluster.kubeconfig(), dir);
    cluster.client.apps().deployments().inNamespace("default")
        .resource(deployment("undo", 2, "nginx:1")).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> complete("undo", 2));
    setImage("undo", "nginx:2");
    kubectl.run("rollout", "status", "deployment/undo", "--timeout=60s").assertOk();
    assertThat(kubectl.run("rollout", "history", "deployment/undo").assertOk().out())
        .contains("1 ").contains("2 ");

    kubectl.run("rollout", "undo", "deployment/undo").assertOk();
    kubectl.run("rollout", "status", "deployment/undo", "--timeout=60s").assertOk();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(get("undo").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("nginx:1");
      assertThat(get("undo").getMetadata().getAnnotations())
          .containsEntry("deployment.kubernetes.io/revision", "3");
      assertThat(replicaSets("undo")).hasSize(2); // the old set came back, no third one
      assertThat(Workloads.running(cluster.client, "default", "undo"))
          .hasSize(2).allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:1"));
    });
    String history = kubectl.run("rollout", "history", "deployment/undo").assertOk().out();
    assertThat(history).contains("2 ").contains("3 ");
  }

  @Test
  void deletingADeploymentRemovesItsReplicaSetsAndPods() {
    cluster.client.apps().deployments().inNamespace("default")
        .resource(deployment("gone", 2, "nginx:1")).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> complete("gone", 2));
    cluster.client.apps().deployments().inNamespace("default").withName("gone").delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(replicaSets("gone")).isEmpty();
      assertThat(cluster.client.pods().inNamespace("default").withLabel("app", "gone").list()
          .getItems()).isEmpty();
    });
  }
}

package io.kubling.agent.staticpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentConfig;
import io.kubling.agent.AgentTestCluster;
import io.kubling.agent.NodeAgent;
import io.kubling.agent.runtime.FakeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static pods with the fake runtime against a real API server and etcd: manifests in the
 * agent's --pod-manifest-path become running mirror pods with no scheduler; removing a
 * manifest removes its pod; a mirror pod deleted through the API comes back while the static
 * pod keeps running.
 */
class StaticPodsTest {
  static AgentTestCluster cluster;
  static KubernetesClient client;
  static NodeAgent agent;
  static ScheduledExecutorService scheduler;
  static Path tmp;
  static Path manifests;

  @BeforeAll
  static void start() throws Exception {
    cluster = new AgentTestCluster();
    client = cluster.newClient("static-pods-test");
    tmp = Files.createTempDirectory("kubling-static-pods");
    manifests = Files.createDirectories(tmp.resolve("manifests"));
    Files.writeString(manifests.resolve("web.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: {tier: static}
        spec:
          containers:
          - name: main
            image: nginx
        """);
    Files.writeString(manifests.resolve(".hidden.yaml"), "not: a pod");
    Files.writeString(manifests.resolve("broken.yaml"), "kind: Pod\nmetadata: {}\n");
    scheduler = Executors.newScheduledThreadPool(2);
    Clock clock = Clock.systemUTC();
    AgentConfig c = AgentConfig.defaults("static1", "10.250.9.1", tmp.resolve("data"))
        .withPodCidr("10.244.9.0/24").withTimings(Duration.ofSeconds(40), Duration.ofSeconds(2));
    agent = new NodeAgent(client, c, n -> new FakeRuntime(n.getSpec().getPodCIDR(),
        c.nodeIp(), clock), scheduler, clock).staticPods(manifests, Duration.ofMillis(300));
    agent.start("kubling-fake://0.1.0");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {agent, scheduler::shutdownNow, client, cluster}) {
      if (c != null) {
        c.close();
      }
    }
    if (tmp != null) {
      try (var walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static Pod pod(String name) {
    return client.pods().inNamespace("default").withName(name).get();
  }

  @Test
  void manifestsRunAsMirrorPodsComeBackWhenDeletedAndStopWhenRemoved() throws Exception {
    Node node = client.nodes().withName("static1").get();
    Pod[] first = new Pod[1];
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Pod p = pod("web-static1");
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      first[0] = p;
    });
    Pod p = first[0];
    assertThat(p.getSpec().getNodeName()).isEqualTo("static1");
    assertThat(p.getMetadata().getLabels()).containsEntry("tier", "static");
    assertThat(p.getMetadata().getAnnotations()).containsKeys(MirrorPods.MIRROR,
        MirrorPods.HASH).containsEntry(MirrorPods.SOURCE, "file");
    assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("Node");
      assertThat(o.getName()).isEqualTo("static1");
      assertThat(o.getUid()).isEqualTo(node.getMetadata().getUid());
    });
    assertThat(p.getStatus().getPodIP()).startsWith("10.244.9.");
    // Only the valid, visible manifest became a pod.
    assertThat(client.pods().inNamespace("default").list().getItems()).hasSize(1);

    // A JSON manifest in another namespace.
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("infra").endMetadata().build()).create();
    Files.writeString(manifests.resolve("dns.json"), """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"dns","namespace":"infra"},
         "spec":{"containers":[{"name":"c","image":"busybox","command":["sleep","3600"]}]}}
        """);
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(
        client.pods().inNamespace("infra").withName("dns-static1").get().getStatus()
            .getPhase()));

    // Deleting the mirror pod through the API: the agent creates it again, and the static pod
    // it stands for kept running (its container is still the first one started).
    client.pods().inNamespace("default").withName("web-static1").delete();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Pod again = pod("web-static1");
      assertThat(again.getMetadata().getUid()).isNotEqualTo(p.getMetadata().getUid());
      assertThat(again.getStatus().getPhase()).isEqualTo("Running");
      assertThat(again.getStatus().getContainerStatuses().get(0).getContainerID())
          .isEqualTo(p.getStatus().getContainerStatuses().get(0).getContainerID())
          .contains(p.getMetadata().getUid());
      assertThat(again.getStatus().getStartTime()).isEqualTo(p.getStatus().getStartTime());
    });

    // A changed manifest replaces the mirror pod.
    String oldHash = pod("web-static1").getMetadata().getAnnotations().get(MirrorPods.HASH);
    Files.writeString(manifests.resolve("web.yaml"), Files.readString(manifests.resolve(
        "web.yaml")).replace("tier: static", "tier: edge"));
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Pod changed = pod("web-static1");
      assertThat(changed.getMetadata().getLabels()).containsEntry("tier", "edge");
      assertThat(changed.getMetadata().getAnnotations().get(MirrorPods.HASH))
          .isNotEqualTo(oldHash);
      assertThat(changed.getStatus().getPhase()).isEqualTo("Running");
    });

    // A removed manifest: the pod stops and its mirror pod is deleted.
    Files.delete(manifests.resolve("web.yaml"));
    await().atMost(Duration.ofSeconds(30)).until(() -> pod("web-static1") == null);
    assertThat(agent.workers().runs("default", "web-static1")).isFalse();
    assertThat(client.pods().inNamespace("infra").withName("dns-static1").get()).isNotNull();
  }
}

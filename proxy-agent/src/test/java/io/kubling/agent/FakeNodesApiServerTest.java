package io.kubling.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.runtime.Ipv4Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many fake nodes in one process against a real API server and etcd. */
class FakeNodesApiServerTest {
  static final int NODES = 5;
  static AgentTestCluster cluster;
  static KubernetesClient client;
  static FakeNodes nodes;
  static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    cluster = new AgentTestCluster();
    client = cluster.newClient("fake-nodes-test");
    dataDir = Files.createTempDirectory("kubling-fake-nodes");
    AgentConfig template = AgentConfig.defaults("fake", "0.0.0.0", dataDir)
        .withTimings(Duration.ofSeconds(40), Duration.ofSeconds(2));
    nodes = FakeNodes.start(client, template, NODES, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (dataDir != null) {
      try (var walk = Files.walk(dataDir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void nodesRegisterReadyWithInfoAndLeases() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (int i = 0; i < NODES; i++) {
        Node n = client.nodes().withName("fake-" + i).get();
        assertThat(n.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "fake-" + i)
            .containsEntry("kubernetes.io/os", "linux");
        assertThat(n.getStatus().getAddresses().get(0).getType()).isEqualTo("InternalIP");
        assertThat(n.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods");
        assertThat(n.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
        assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32");
        assertThat(n.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("kubling-fake");
        assertThat(n.getStatus().getNodeInfo().getKernelVersion()).isNotEmpty();
        NodeCondition ready = n.getStatus().getConditions().stream()
            .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getReason()).isEqualTo("KubeletReady");
        assertThat(n.getSpec().getPodCIDR()).isEqualTo("10.244." + i + ".0/24");
        Lease lease = client.leases().inNamespace("kube-node-lease").withName("fake-" + i).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("fake-" + i);
        assertThat(lease.getSpec().getRenewTime()).isNotNull();
      }
    });
  }

  @Test
  void podsTurnRunningWithIpsFromTheirNodesCidrAndDeletionRemovesThem() {
    String ns = "default";
    int count = 40;
    for (int i = 0; i < count; i++) {
      Pod p = client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata()
          .withName("fake-pod-" + i).addToLabels("app", "fake").endMetadata().withNewSpec()
          .addNewContainer()
          .withName("app").withImage("nginx").endContainer().endSpec().build()).create();
      AgentTestCluster.bind(client, p, "fake-" + (i % NODES));
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<Pod> pods = client.pods().inNamespace(ns).list().getItems().stream()
          .filter(p -> p.getMetadata().getName().startsWith("fake-pod-")).toList();
      assertThat(pods).hasSize(count);
      Set<String> ips = new HashSet<>();
      for (Pod p : pods) {
        assertThat(p.getStatus().getPhase()).as(p.getMetadata().getName()).isEqualTo("Running");
        // The agent's status write sends no spec: the pod keeps the one it was created with.
        assertThat(p.getSpec().getContainers()).singleElement().satisfies(c -> {
          assertThat(c.getName()).isEqualTo("app");
          assertThat(c.getImage()).isEqualTo("nginx");
        });
        assertThat(p.getMetadata().getLabels()).containsEntry("app", "fake");
        Node n = client.nodes().withName(p.getSpec().getNodeName()).get();
        assertThat(Ipv4Cidr.parse(n.getSpec().getPodCIDR()).contains(p.getStatus().getPodIP()))
            .isTrue();
        assertThat(p.getStatus().getHostIP()).isEqualTo(
            n.getStatus().getAddresses().get(0).getAddress());
        assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
        assertThat(p.getStatus().getConditions()).anyMatch(
            c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        ips.add(p.getStatus().getPodIP());
      }
      assertThat(ips).hasSize(count);
    });
    for (int i = 0; i < count; i++) {
      client.pods().inNamespace(ns).withName("fake-pod-" + i).delete();
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        client.pods().inNamespace(ns).list().getItems().stream()
            .filter(p -> p.getMetadata().getName().startsWith("fake-pod-")).toList()).isEmpty());
    assertThat(nodes.agents()).allSatisfy(a -> assertThat(a.workers().runningKeys())
        .noneMatch(k -> k.startsWith("default/fake-pod-")));
  }

  @Test
  void imageWithoutBehaviourWaitsImageNotSupported() {
    Pod p = client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata()
        .withName("unsupported").endMetadata().withNewSpec().addNewContainer()
        .withName("db").withImage("postgres:16").endContainer().endSpec().build()).create();
    AgentTestCluster.bind(client, p, "fake-0");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Pod got = client.pods().inNamespace("default").withName("unsupported").get();
      assertThat(got.getStatus().getContainerStatuses()).hasSize(1);
      var waiting = got.getStatus().getContainerStatuses().get(0).getState().getWaiting();
      assertThat(waiting.getReason()).isEqualTo("ImageNotSupported");
      assertThat(waiting.getMessage()).contains("give the container a command");
      assertThat(got.getStatus().getPhase()).isEqualTo("Pending");
    });
  }
}

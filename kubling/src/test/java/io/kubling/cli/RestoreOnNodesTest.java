package io.kubling.cli;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.host.NodeHosts;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's restore drill on a cluster with nodes ({@code kubling server --nodes 2}): after
 * {@code --cluster-reset} the restored Deployment's pods (their UIDs from the snapshot) run
 * again on the nodes and answer by pod IP and through the restored Service's ClusterIP, and
 * what ran of a pod the restored state does not know is gone from its node, IP lease and
 * saved state included.
 */
class RestoreOnNodesTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  @Test
  void restoredDeploymentRunsAgainOnTheNodesAndUnknownPodsAreStopped() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    ClusterFixture c = new ClusterFixture(tmp, "data");
    NodeNamespaces ns = NodeNamespaces.of(c.data);
    Path snapshot = c.data.resolve("snapshots/with-pods.db");
    Map<String, String> before;
    Set<String> snapshotPods;
    Pod stray;
    try {
      try (KublingProcess k = c.startServer("--nodes", "2");
          KubernetesClient client = client(c)) {
        c.createShop();
        snapshotPods = uids(awaitShopServing(client, ns));
        before = c.identities();
        KublingProcess save = c.snapshotCommand("save", "--name", "with-pods");
        assertThat(save.process().exitValue()).as("%s", save).isZero();

        // Written after the snapshot: a pod the restored state will not know.
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata()
            .withName("stray").endMetadata().withNewSpec().withTerminationGracePeriodSeconds(1L)
            .addNewContainer().withName("web").withImage("nginx:1.27").addNewPort()
            .withContainerPort(8080).endPort().endContainer().endSpec().build()).create();
        stray = await().ignoreExceptions().atMost(WAIT).until(() -> client.pods()
            .inNamespace("default").withName("stray").get(), p -> running(p));
        assertThat(ns.leasesOf(stray.getSpec().getNodeName(), stray.getMetadata().getUid()))
            .isNotEmpty();

        c.deleteShop();
        k.terminate(Duration.ofSeconds(90));
        assertThat(k.liveDescendants()).isEmpty();
        assertThat(ns.all()).isEmpty();
      }

      try (KublingProcess k = c.startServer("--nodes", "2", "--cluster-reset",
          "--cluster-reset-restore-path=" + snapshot);
          KubernetesClient client = client(c)) {
        try {
          assertThat(c.identities()).isEqualTo(before);
          // The restored pods themselves run again, not replacements.
          assertThat(uids(awaitShopServing(client, ns))).isEqualTo(snapshotPods);
          assertThat(client.pods().inNamespace("default").withName("stray").get()).isNull();
          String node = stray.getSpec().getNodeName();
          String uid = stray.getMetadata().getUid();
          Path saved = c.data.resolve("agents").resolve(node).resolve("pods")
              .resolve(uid + ".json");
          await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ns.leasesOf(node, uid)).as("stray pod's IP lease").isEmpty();
            assertThat(Files.exists(saved))
                .as("stray pod's saved state").isFalse();
          });
          assertThat(NodeHosts.namespaces(ns.podNetns(stray))).isEmpty();
          // And through the restored Service: its ClusterIP, from both nodes (the agents'
          // service proxy, with the endpoints the controller manager rebuilt).
          String clusterIp = client.services().inNamespace("shop").withName("web").get()
              .getSpec().getClusterIP();
          for (String n : List.of("node1", "node2")) {
            await().ignoreExceptions().atMost(WAIT).until(() -> !NodeNamespaces.curl(
                ns.node(n), clusterIp, 80).isEmpty());
          }
        } catch (AssertionError | RuntimeException e) {
          ServerNodesTest.dumpLogs(k, c.data);
          throw e;
        }
        k.terminate(Duration.ofSeconds(90));
        assertThat(k.liveDescendants()).isEmpty();
        assertThat(ns.all()).isEmpty();
      }
    } finally {
      NodeHosts.sweep(ns.prefix());
    }
  }

  private static KubernetesClient client(ClusterFixture c) {
    return KubeClients.fromKubeconfig(c.data.resolve("kubeconfig"),
        ClientSettings.defaults("restore-on-nodes-test"));
  }

  private static boolean running(Pod p) {
    return p != null && "Running".equals(p.getStatus().getPhase())
        && p.getStatus().getContainerStatuses().stream().allMatch(ContainerStatus::getReady);
  }

  /** The shop's two web pods Running and Ready, each answering by its IP from a node. */
  private static List<Pod> awaitShopServing(KubernetesClient client, NodeNamespaces ns) {
    return await().ignoreExceptions().atMost(WAIT).until(() -> {
      List<Pod> pods = client.pods().inNamespace("shop").withLabel("app", "web").list()
          .getItems();
      if (pods.size() != 2 || !pods.stream().allMatch(RestoreOnNodesTest::running)) {
        return null;
      }
      for (Pod p : pods) {
        String other = p.getSpec().getNodeName().equals("node1") ? "node2" : "node1";
        if (NodeNamespaces.curl(ns.node(other), p.getStatus().getPodIP(), 8080).isEmpty()) {
          return null;
        }
      }
      return pods;
    }, p -> p != null);
  }

  private static Set<String> uids(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
  }
}

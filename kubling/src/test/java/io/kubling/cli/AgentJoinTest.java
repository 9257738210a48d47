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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubling agent --server-data-dir} joins one more node to a running
 * {@code kubling server --nodes 1}: a node namespace of its own on the server's switch, a pod
 * on it reachable from the server's node, and nothing left of it once it is stopped.
 */
class AgentJoinTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  @Test
  void anAgentJoinsTheServersSwitchAndLeavesNothingWhenStopped() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    ClusterFixture c = new ClusterFixture(tmp, "data");
    NodeNamespaces ns = NodeNamespaces.of(c.data);
    try (KublingProcess k = c.startServer("--nodes", "1");
        KubernetesClient client = KubeClients.fromKubeconfig(c.data.resolve("kubeconfig"),
            ClientSettings.defaults("agent-join-test"))) {
      try (KublingProcess join = KublingProcess.start(tmp, Map.of(), "agent",
          "--server-data-dir", c.data.toString())) {
        join.awaitLine(l -> l.startsWith("node node2 ready (InternalIP 10.250.0.2"),
            ClusterFixture.START);
        Pod pod = client.pods().inNamespace("default").resource(new PodBuilder()
            .withNewMetadata().withName("on-joined").endMetadata().withNewSpec()
            .withNodeName("node2").withTerminationGracePeriodSeconds(1L).addNewContainer()
            .withName("web").withImage("nginx:1.27").addNewPort().withContainerPort(8080)
            .endPort().endContainer().endSpec().build()).create();
        Pod running = await().ignoreExceptions().atMost(WAIT).until(() -> client.pods()
            .inNamespace("default").withName("on-joined").get(), p -> "Running".equals(
                p.getStatus().getPhase()) && p.getStatus().getContainerStatuses().stream()
                .allMatch(ContainerStatus::getReady));
        await().ignoreExceptions().atMost(WAIT).until(() -> !NodeNamespaces.curl(
            ns.node("node1"), running.getStatus().getPodIP(), 8080).isEmpty());

        join.terminate(Duration.ofSeconds(90));
        assertThat(join.lines()).as("%s", join)
            .contains("node node2: agent and pods stopped, namespace removed");
        assertThat(join.liveDescendants()).isEmpty();
        assertThat(NodeHosts.namespaces(ns.node("node2"))).isEmpty();
        assertThat(NodeHosts.namespaces(ns.podNetns(running))).isEmpty();
        assertThat(ns.all()).contains(ns.node("node1"), ns.prefix() + "sw");
      } catch (AssertionError | RuntimeException e) {
        ServerNodesTest.dumpLogs(k, c.data);
        throw e;
      }
      k.terminate(Duration.ofSeconds(90));
      assertThat(k.liveDescendants()).isEmpty();
      assertThat(ns.all()).isEmpty();
    } finally {
      NodeHosts.sweep(ns.prefix());
    }
  }
}

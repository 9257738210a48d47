package io.kubling.agent.kubelet;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentConfig;
import io.kubling.agent.AgentTestCluster;
import io.kubling.agent.NodeAgent;
import io.kubling.agent.runtime.FakeRuntime;
import io.kubling.testkit.Kubectl;
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
 * kubectl logs and exec with the fake runtime, whose containers run no process: logs are
 * empty, and exec fails with a message saying why. The agent runs in this JVM, on loopback.
 */
class FakeRuntimeKubeletApiTest {
  static AgentTestCluster cluster;
  static KubernetesClient client;
  static NodeAgent agent;
  static NodeKubeletApi api;
  static ScheduledExecutorService scheduler;
  static Kubectl kubectl;
  static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "needs kubectl");
    cluster = new AgentTestCluster();
    client = cluster.newClient("fake-kubelet-api-test");
    tmp = Files.createTempDirectory("kubling-fake-kubelet");
    kubectl = Kubectl.forServer(Kubectl.DEFAULT, cluster.url(), tmp.resolve("kubectl"));
    scheduler = Executors.newScheduledThreadPool(2);
    Clock clock = Clock.systemUTC();
    NodeAgent[] started = new NodeAgent[1];
    api = NodeKubeletApi.start(0, tmp.resolve("data"), () -> started[0] == null ? null
        : started[0].workers(), () -> started[0] == null ? null : started[0].runtime());
    AgentConfig c = AgentConfig.defaults("fake1", "10.250.8.1", tmp.resolve("data"))
        .withPodCidr("10.244.8.0/24").withAgentPort(api.port());
    started[0] = new NodeAgent(client, c, n -> new FakeRuntime(n.getSpec().getPodCIDR(),
        c.nodeIp(), clock), scheduler, clock).kubeletEndpoint("127.0.0.1:" + api.port());
    agent = started[0].start("kubling-fake://0.1.0");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {agent, api, scheduler::shutdownNow, client,
        cluster}) {
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

  @Test
  void logsAreEmptyAndExecSaysWhyItCannotRun() {
    Pod p = client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata()
        .withName("fake").endMetadata().withNewSpec().addNewContainer().withName("c")
        .withImage("nginx").endContainer().endSpec().build()).create();
    AgentTestCluster.bind(client, p, "fake1");
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(
        client.pods().inNamespace("default").withName("fake").get().getStatus().getPhase()));
    assertThat(kubectl.run("logs", "fake").assertOk().out()).isEmpty();
    Kubectl.Result exec = kubectl.run("exec", "fake", "--", "true");
    assertThat(exec.exit()).isNotZero();
    assertThat(exec.err()).contains("runs no container processes");
  }
}

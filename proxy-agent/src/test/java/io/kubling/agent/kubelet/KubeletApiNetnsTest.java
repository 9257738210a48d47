package io.kubling.agent.kubelet;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentMain;
import io.kubling.agent.AgentTestCluster;
import io.kubling.agent.UnixSocketRelay;
import io.kubling.agent.host.NodeHosts;
import io.kubling.agent.node.KubeletEndpoints;
import io.kubling.testkit.Kubectl;
import io.kubling.testkit.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl's logs and exec against a real API server and etcd, proxied to a node agent
 * that runs in a node's network namespace with the netns runtime; the API server reaches the
 * agent's kubelet API through a loopback port relayed to the agent's Unix socket.
 */
class KubeletApiNetnsTest {
  static AgentTestCluster cluster;
  static KubernetesClient client;
  static NodeHosts bed;
  static UnixSocketRelay apiRelay;
  static UnixSocketRelay kubeletRelay;
  static Kubectl kubectl;
  static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "needs kubectl");
    tmp = Files.createTempDirectory("kubling-kubelet-api");
    bed = new NodeHosts();
    cluster = new AgentTestCluster();
    client = cluster.newClient("kubelet-api-test");
    kubectl = Kubectl.forServer(Kubectl.DEFAULT, cluster.url(), tmp.resolve("kubectl"));
    apiRelay = UnixSocketRelay.unixToTcp(tmp.resolve("api.sock"),
        new InetSocketAddress("127.0.0.1", cluster.port()));
    // The launcher's half of the reverse path: a loopback port here, relayed to the socket the
    // agent serves its kubelet API on, advertised on the Node for the API server to use.
    Path data = tmp.resolve("node1");
    kubeletRelay = KubeletEndpoints.relay(data);
    // A static pod, run from its manifest without a scheduler, in a pod namespace of its own.
    Path manifests = Files.createDirectories(tmp.resolve("manifests"));
    Files.writeString(manifests.resolve("static.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata: {name: static}
        spec:
          containers:
          - {name: main, image: busybox, command: [sh, -c, "echo static-hello; exec sleep 3600"]}
        """);
    bed.addNode(1);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        AgentMain.class.getName(),
        "--node-name", "node1", "--node-ip", NodeHosts.nodeIp(1),
        "--pod-cidr", "10.244.1.0/24", "--runtime", "netns",
        "--api-socket", tmp.resolve("api.sock").toString(),
        "--data-dir", data.toString(),
        "--kubelet-endpoint", "127.0.0.1:" + kubeletRelay.port(),
        "--pod-manifest-path", manifests.toString(),
        "--pod-netns-prefix", bed.prefix + "p-"));
    bed.startInNode(1, cmd, tmp.resolve("agent1.log"));
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      var n = client.nodes().withName("node1").get();
      assertThat(n.getStatus().getConditions()).anyMatch(
          c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
      assertThat(n.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort())
          .isEqualTo(KubeletEndpoints.DEFAULT_PORT);
      assertThat(n.getMetadata().getAnnotations()).containsEntry(KubeletEndpoints.ANNOTATION,
          "127.0.0.1:" + kubeletRelay.port());
    });
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (bed != null) {
        bed.close();
      }
    } finally {
      for (AutoCloseable c : new AutoCloseable[] {kubeletRelay, apiRelay, client, cluster}) {
        if (c != null) {
          c.close();
        }
      }
      if (tmp != null) {
        TempDirs.printTail(tmp.resolve("agent1.log"), "agent1 log", 40);
        TempDirs.deleteTree(tmp);
      }
    }
  }

  static Pod create(Pod pod) {
    Pod p = client.pods().inNamespace("default").resource(pod).create();
    AgentTestCluster.bind(client, p, "node1");
    return p;
  }

  static Pod shellPod(String name, String script) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withTerminationGracePeriodSeconds(1L).addNewContainer().withName("main")
        // "$$" is Kubernetes' escape for "$" in commands.
        .withImage("busybox").withCommand("sh", "-c", script).endContainer().endSpec().build();
  }

  static Pod running(String name) {
    Pod[] out = new Pod[1];
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Pod p = client.pods().inNamespace("default").withName(name).get();
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getStatus().getContainerStatuses()).allMatch(ContainerStatus::getStarted);
      out[0] = p;
    });
    return out[0];
  }

  static String podNetns(Pod p) {
    return bed.prefix + "p-" + p.getMetadata().getUid().replace("-", "").substring(0, 12);
  }

  @Test
  void logsTailPreviousAndFollowThroughTheApiServer() throws Exception {
    Path feed = tmp.resolve("feed");
    Files.writeString(feed, "");
    create(shellPod("logs", "echo boot-$$$$; for i in 1 2 3 4 5; do echo line-$i; done;"
        + " exec tail -n 0 -F " + feed));
    Pod pod = running("logs");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(kubectl.run("logs", "logs").assertOk().out()).contains("line-5"));
    String all = kubectl.run("logs", "logs").assertOk().out();
    assertThat(all).startsWith("boot-").contains("line-1\nline-2\nline-3\nline-4\nline-5\n");
    assertThat(kubectl.run("logs", "logs", "--tail=2").assertOk().out())
        .isEqualTo("line-4\nline-5\n");
    Kubectl.Result noPrevious = kubectl.run("logs", "logs", "--previous");
    assertThat(noPrevious.exit()).isNotZero();
    assertThat(noPrevious.err()).contains("previous terminated container \"main\"");

    // -f: a line written after kubectl started reaches it.
    Path followed = tmp.resolve("followed.txt");
    Process f = kubectl.start(followed, "logs", "-f", "logs");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(followed)
          .contains("line-5"));
      Files.writeString(feed, "late-line\n", StandardOpenOption.APPEND);
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(followed)
          .contains("late-line"));
      assertThat(f.isAlive()).isTrue();
    } finally {
      f.destroy();
      f.waitFor(10, TimeUnit.SECONDS);
    }

    // A restart: --previous is the first instance's log, the plain log the new one's.
    for (String pid : NodeHosts.run("ip netns pids " + podNetns(pod)).out().split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Pod p = client.pods().inNamespace("default").withName("logs").get();
      assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
      assertThat(kubectl.run("logs", "logs").assertOk().out()).contains("line-5");
    });
    String bootBefore = all.lines().findFirst().orElseThrow();
    String previous = kubectl.run("logs", "logs", "--previous").assertOk().out();
    assertThat(previous).startsWith(bootBefore + "\n").contains("late-line");
    String current = kubectl.run("logs", "logs").assertOk().out();
    assertThat(current).startsWith("boot-").doesNotStartWith(bootBefore + "\n")
        .doesNotContain("late-line");

    Kubectl.Result badContainer = kubectl.run("logs", "logs", "-c", "nope");
    assertThat(badContainer.exit()).isNotZero();
    assertThat(badContainer.err()).contains("container nope is not valid for pod logs");
    Kubectl.Result noPod = kubectl.run("logs", "nosuch");
    assertThat(noPod.exit()).isNotZero();
    assertThat(noPod.err()).contains("pods \"nosuch\" not found");
  }

  @Test
  void execRunsInThePodsNetworkNamespaceWithExitCodesAndStdin() {
    create(shellPod("shell", "exec sleep 3600"));
    Pod pod = running("shell");
    Kubectl.Result exit3 = kubectl.run("exec", "shell", "--", "sh", "-c", "exit 3");
    assertThat(exit3.exit()).as(exit3.err()).isEqualTo(3);
    assertThat(exit3.err()).contains("command terminated with exit code 3");

    Kubectl.Result both = kubectl.run("exec", "shell", "--", "sh", "-c",
        "echo out; echo err >&2; ip -4 -o addr show eth0");
    assertThat(both.exit()).as(both.err()).isZero();
    assertThat(both.out()).startsWith("out\n").contains(pod.getStatus().getPodIP() + "/");
    assertThat(both.err()).isEqualTo("err\n");

    Kubectl.Result echo = kubectl.run("hello stdin\nsecond line\n", Map.of(), "exec", "-i",
        "shell", "--", "cat");
    assertThat(echo.exit()).as(echo.err()).isZero();
    assertThat(echo.out()).isEqualTo("hello stdin\nsecond line\n");

    Kubectl.Result noPod = kubectl.run("exec", "nosuch", "--", "true");
    assertThat(noPod.exit()).isNotZero();
    assertThat(noPod.err()).contains("pods \"nosuch\" not found");
    Kubectl.Result noContainer = kubectl.run("exec", "shell", "-c", "nope", "--", "true");
    assertThat(noContainer.exit()).isNotZero();
    assertThat(noContainer.err()).contains("container nope is not valid for pod shell");
    Kubectl.Result notFoundCommand = kubectl.run("exec", "shell", "--", "no-such-command-x");
    assertThat(notFoundCommand.exit()).isNotZero();
  }

  @Test
  void execWithATerminalWhenKubectlHasOne() throws Exception {
    create(shellPod("tty", "exec sleep 3600"));
    running("tty");
    // script(1) gives kubectl a terminal, as a user's shell would.
    String kubectlCmd = "KUBECONFIG=" + kubectl.kubeconfig() + " HOME=" + kubectl.workDir() + " "
        + Kubectl.DEFAULT + " --cache-dir=" + kubectl.workDir().resolve("cache")
        + " exec -it tty -- sh -c 'tty; exit 4'";
    Path out = tmp.resolve("tty.out");
    Process p = new ProcessBuilder("script", "-q", "-e", "-c", kubectlCmd, "/dev/null")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl exec -it finished").isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(Files.readString(out)).contains("/dev/pts/");
    assertThat(p.exitValue()).as(Files.readString(out)).isEqualTo(4);
  }

  @Test
  void aStaticPodRunsInItsOwnNamespaceHasLogsAndOutlivesItsMirrorPod() throws Exception {
    Pod p = running("static-node1");
    assertThat(p.getSpec().getNodeName()).isEqualTo("node1");
    assertThat(p.getStatus().getPodIP()).startsWith("10.244.1.");
    assertThat(p.getMetadata().getAnnotations()).containsKey("kubernetes.io/config.mirror");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        kubectl.run("logs", "static-node1").assertOk().out()).isEqualTo("static-hello\n"));
    String netns = podNetns(p);
    String pids = NodeHosts.run("ip netns pids " + netns).out().strip();
    assertThat(pids).isNotEmpty();

    // Deleted through the API, the mirror pod comes back; the static pod's processes stay.
    kubectl.run("delete", "pod", "static-node1", "--wait=false").assertOk();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Pod again = client.pods().inNamespace("default").withName("static-node1").get();
      assertThat(again.getMetadata().getUid()).isNotEqualTo(p.getMetadata().getUid());
      assertThat(again.getStatus().getPhase()).isEqualTo("Running");
      assertThat(again.getStatus().getPodIP()).isEqualTo(p.getStatus().getPodIP());
    });
    assertThat(NodeHosts.run("ip netns pids " + netns).out().strip()).isEqualTo(pids);
    assertThat(kubectl.run("logs", "static-node1").assertOk().out()).isEqualTo("static-hello\n");
  }

  @Test
  void aFailingReadinessProbeTurnsReadyFalseAndBackTrue() throws Exception {
    Path flag = tmp.resolve("ready-flag");
    Files.writeString(flag, "");
    Pod pod = shellPod("probed", "exec sleep 3600");
    pod.getSpec().getContainers().get(0).setReadinessProbe(new io.fabric8.kubernetes.api.model
        .ProbeBuilder().withNewExec().withCommand("test", "-f", flag.toString()).endExec()
        .withPeriodSeconds(1).withFailureThreshold(1).build());
    create(pod);
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> ready("probed"));
    Files.delete(flag);
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> !ready("probed"));
    Pod p = client.pods().inNamespace("default").withName("probed").get();
    assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isFalse();
    assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
    Files.writeString(flag, "");
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> ready("probed"));
  }

  static boolean ready(String name) {
    Pod p = client.pods().inNamespace("default").withName(name).get();
    for (PodCondition c : p.getStatus().getConditions()) {
      if (c.getType().equals("Ready")) {
        return c.getStatus().equals("True");
      }
    }
    return false;
  }
}

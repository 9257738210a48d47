package io.kubling.cli;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's end-to-end check, against {@code kubling server --nodes 2} as users run it (a
 * child JVM, stopped with SIGTERM): two node agents in two node namespaces run a ReplicaSet's
 * pods in pod namespaces; the pods answer across nodes, restart, fail readiness, leave nothing
 * behind when deleted, survive an agent restart, and come back with the server.
 */
class ServerNodesTest {
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Pattern AGENT_PID =
      Pattern.compile("node (node\\d+): agent started \\(pid (\\d+)");

  @TempDir
  Path tmp;

  @Test
  void replicaSetRunsAcrossTwoNodeNamespacesAndTheClusterComesBack() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    require(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 (the pods' server)");
    ClusterFixture c = new ClusterFixture(tmp, "data");
    Path www = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(www.resolve("index.html"), "hello from a kubling pod\n");
    NodeNamespaces ns = NodeNamespaces.of(c.data);
    try (KublingProcess k = c.startServer("--nodes", "2");
        KubernetesClient client = KubeClients.fromKubeconfig(c.data.resolve("kubeconfig"),
            ClientSettings.defaults("server-nodes-test"))) {
      try {
        assertThat(k.lines()).as("progress").containsSubsequence(
            k.lines().stream().filter(l -> l.startsWith("apiserver ready")).findFirst()
                .orElseThrow(),
            k.lines().stream().filter(l -> l.startsWith("node node1 ready")).findFirst()
                .orElseThrow(),
            "export KUBECONFIG=" + c.data.resolve("kubeconfig"));
        assertThat(k.lines()).anyMatch(l -> l.startsWith("node node2 ready (InternalIP 10.250.0.2"));
        assertThat(ns.all()).contains(ns.prefix() + "sw", ns.prefix() + "n1", ns.prefix() + "n2");
        // Each agent talks to the API server with its own node's credentials.
        for (String node : List.of("node1", "node2")) {
          Path conf = c.data.resolve("nodes/" + node + ".conf");
          assertThat(Http.serverOf(conf)).isEqualTo(c.url());
          assertThat(k.children()).as("the agent of %s", node).anySatisfy(p -> assertThat(
              commandLine(p)).contains("--node-name " + node + " --kubeconfig " + conf));
        }

        client.apps().replicaSets().inNamespace("default").resource(webReplicaSet(www)).create();
        List<Pod> pods = awaitReady(client, 3);
        assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()))
            .as("spread over both nodes").containsExactlyInAnyOrder("node1", "node2");

        // Each pod answers by its IP from the other node's namespace (host-gw routes).
        for (Pod p : pods) {
          String other = p.getSpec().getNodeName().equals("node1") ? "node2" : "node1";
          await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> assertThat(
              NodeNamespaces.curl(ns.node(other), p.getStatus().getPodIP(), 8080))
              .contains("hello from a kubling pod"));
        }

        // Killing a pod's process: the agent restarts it, restartCount 1.
        Pod victim = pods.get(0);
        for (long pid : NodeNamespaces.pids(ns.podNetns(victim))) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
          ContainerStatus s = status(client, victim);
          assertThat(s.getRestartCount()).isEqualTo(1);
          assertThat(s.getState().getRunning()).isNotNull();
          assertThat(s.getReady()).isTrue();
        });

        // A failing readiness probe turns Ready False; passing again, True.
        Pod flaky = pods.get(1);
        Path down = www.resolve(flaky.getMetadata().getName() + ".down");
        Files.writeString(down, "");
        await().ignoreExceptions().atMost(WAIT).until(() -> "False".equals(ready(client, flaky)));
        Files.delete(down);
        await().ignoreExceptions().atMost(WAIT).until(() -> "True".equals(ready(client, flaky)));

        // Agent restart: kill the agent child; the server restarts it; it adopts its pods.
        Pod adopted = pods.get(2);
        String node = adopted.getSpec().getNodeName();
        String podNs = ns.podNetns(adopted);
        List<Long> podPids = NodeNamespaces.pids(podNs);
        int restartsBefore = status(client, adopted).getRestartCount();
        long agentPid = agentPid(k, node);
        assertThat(k.children()).extracting(ProcessHandle::pid).contains(agentPid);
        ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();
        k.awaitLine(l -> l.startsWith("node " + node + ": agent started (pid ")
            && l.contains("restart 1"), WAIT);
        // The new agent has synced and written status once it reports the pod Ready again.
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
          assertThat(k.lines()).anyMatch(l -> l.startsWith("node " + node + ": agent exited"));
          Pod p = client.pods().inNamespace("default").withName(adopted.getMetadata().getName())
              .get();
          assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount())
              .isEqualTo(restartsBefore);
          assertThat(NodeNamespaces.pids(podNs)).isEqualTo(podPids);
        });
        String other = node.equals("node1") ? "node2" : "node1";
        assertThat(NodeNamespaces.curl(ns.node(other), adopted.getStatus().getPodIP(), 8080))
            .contains("hello from a kubling pod");

        // Deleting a pod leaves no process, namespace, veth or IP lease behind.
        Pod gone = client.pods().inNamespace("default").withName(victim.getMetadata().getName())
            .get();
        String goneNode = gone.getSpec().getNodeName();
        String goneNs = ns.podNetns(gone);
        List<Long> gonePids = NodeNamespaces.pids(goneNs);
        assertThat(gonePids).isNotEmpty();
        assertThat(ns.leasesOf(goneNode, gone.getMetadata().getUid())).isNotEmpty();
        client.pods().inNamespace("default").resource(gone).delete();
        await().atMost(WAIT).until(() -> client.pods().inNamespace("default")
            .withName(gone.getMetadata().getName()).get() == null);
        assertThat(NodeHosts.namespaces(goneNs)).isEmpty();
        // A killed process is reaped by init a moment later; until then it still has its pid.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gonePids)
            .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        assertThat(ns.leasesOf(goneNode, gone.getMetadata().getUid())).isEmpty();
        List<Pod> now = awaitReady(client, 3);
        for (String n : List.of("node1", "node2")) {
          long onNode = now.stream().filter(p -> p.getSpec().getNodeName().equals(n)).count();
          assertThat(ns.podVeths(n)).as("veths on %s", n).isEqualTo(onNode);
        }

        // node1's agent was restarted above: its Node may be NotReady until its next
        // heartbeat lands, so the check is repeated for a bounded while.
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
            kubectlGetNodesShowsBothReady(c.data.resolve("kubeconfig")));
        // kubectl logs and exec reach the pods through the API server and the relays.
        String anyPod = now.get(0).getMetadata().getName();
        assertThat(kubectl(c.data.resolve("kubeconfig"), "exec", anyPod, "--", "sh", "-c",
            "echo from-exec; exit 3")).startsWith("3:").contains("from-exec");
        assertThat(kubectl(c.data.resolve("kubeconfig"), "logs", anyPod)).startsWith("0:");
      } catch (AssertionError | RuntimeException e) {
        dumpLogs(k, c.data);
        throw e;
      }

      k.terminate(Duration.ofSeconds(90));
      assertThat(k.lines()).as("agents and pods first, etcd last: %s", k)
          .containsSubsequence("nodes stopped", "controller-manager stopped",
              "apiserver stopped", "etcd stopped");
      assertThat(k.liveDescendants()).as("processes left behind").isEmpty();
      assertThat(ns.all()).as("namespaces left behind").isEmpty();
    }

    // The same data dir: the same nodes come back, and the ReplicaSet's pods run again.
    try (KublingProcess k = c.startServer("--nodes", "2");
        KubernetesClient client = KubeClients.fromKubeconfig(c.data.resolve("kubeconfig"),
            ClientSettings.defaults("server-nodes-test"))) {
      assertThat(k.lines()).anyMatch(l -> l.startsWith("node node1 ready"))
          .anyMatch(l -> l.startsWith("node node2 ready"));
      assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
          .containsExactlyInAnyOrder("node1", "node2");
      try {
        // The pods' status is the last run's until each agent has synced it: read it again.
        for (Pod p : awaitReady(client, 3)) {
          String other = p.getSpec().getNodeName().equals("node1") ? "node2" : "node1";
          await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> assertThat(
              NodeNamespaces.curl(ns.node(other), client.pods().inNamespace("default")
                  .withName(p.getMetadata().getName()).get().getStatus().getPodIP(), 8080))
              .contains("hello from a kubling pod"));
        }
      } catch (AssertionError | RuntimeException e) {
        dumpLogs(k, c.data);
        throw e;
      }
      k.terminate(Duration.ofSeconds(90));
      assertThat(k.liveDescendants()).isEmpty();
      assertThat(ns.all()).isEmpty();
    } finally {
      NodeHosts.sweep(ns.prefix());
    }
  }

  static ReplicaSet webReplicaSet(Path www) {
    return new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(3)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().withTerminationGracePeriodSeconds(2L).addNewContainer()
        .withName("web").withImage("python:3")
        .withCommand("python3", "-m", "http.server", "8080", "--bind", "0.0.0.0",
            "--directory", www.toString())
        .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
        .withNewReadinessProbe().withNewExec().withCommand("sh", "-c",
            "test ! -e " + www + "/$POD_NAME.down").endExec()
        .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** Waits for n pods of the ReplicaSet, all Running and Ready with an IP. */
  static List<Pod> awaitReady(KubernetesClient client, int n) {
    List<Pod>[] out = new List[1];
    await().ignoreExceptions().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      List<Pod> pods = client.pods().inNamespace("default").withLabel("app", "web").list()
          .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
          .toList();
      assertThat(pods).hasSize(n).allSatisfy(p -> {
        assertThat(p.getStatus().getPhase()).isEqualTo("Running");
        assertThat(p.getStatus().getPodIP()).isNotBlank();
        assertThat(p.getStatus().getContainerStatuses()).allMatch(ContainerStatus::getReady);
      });
      out[0] = pods;
    });
    return out[0];
  }

  private static ContainerStatus status(KubernetesClient client, Pod p) {
    return client.pods().inNamespace("default").withName(p.getMetadata().getName()).get()
        .getStatus().getContainerStatuses().get(0);
  }

  private static String ready(KubernetesClient client, Pod p) {
    return client.pods().inNamespace("default").withName(p.getMetadata().getName()).get()
        .getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .findFirst().orElseThrow().getStatus();
  }

  /** The newest agent pid the server printed for a node. */
  private static long agentPid(KublingProcess k, String node) {
    long pid = -1;
    for (String l : k.lines()) {
      Matcher m = AGENT_PID.matcher(l);
      if (m.find() && m.group(1).equals(node)) {
        pid = Long.parseLong(m.group(2));
      }
    }
    assertThat(pid).as("agent pid of %s", node).isPositive();
    return pid;
  }

  /** kubectl's exit code, a colon, and what it printed. */
  private String kubectl(Path kubeconfig, String... args) throws Exception {
    Path out = Files.createTempFile(tmp, "kubectl-", ".out");
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/kubectl"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process run = pb.start();
    run.getOutputStream().close();
    if (!run.waitFor(60, TimeUnit.SECONDS)) {
      run.destroyForcibly().waitFor();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return run.exitValue() + ":" + Files.readString(out);
  }

  private void kubectlGetNodesShowsBothReady(Path kubeconfig) throws Exception {
    require(Files.isExecutable(Path.of("/usr/bin/kubectl")), "needs kubectl");
    Path out = tmp.resolve("kubectl-nodes.out");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/kubectl", "get", "nodes",
        "--no-headers").redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process run = pb.start();
    run.getOutputStream().close();
    if (!run.waitFor(60, TimeUnit.SECONDS)) {
      run.destroyForcibly().waitFor();
      throw new AssertionError("kubectl did not finish");
    }
    Map<String, String> status = Files.readAllLines(out).stream().map(l -> l.split("\\s+"))
        .filter(f -> f.length > 1).collect(Collectors.toMap(f -> f[0], f -> f[1]));
    assertThat(run.exitValue()).as("%s", Files.readString(out)).isZero();
    assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.of("node1", "Ready",
        "node2", "Ready"));
  }

  /** The agents' logs and what the server logged at WARN or ERROR, for a failure's reader. */
  static void dumpLogs(KublingProcess server, Path data) {
    System.out.println("---- server WARN/ERROR lines (tail)");
    List<String> lines = server.stderr().lines()
        .filter(l -> (l.contains(" ERROR ") || l.contains(" WARN ")) && !l.contains("Blocked"))
        .toList();
    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
    dumpAgentLogs(data);
  }

  static void dumpAgentLogs(Path data) {
    for (String n : Set.of("node1", "node2")) {
      Path log = data.resolve("agents").resolve(n + ".log");
      try {
        List<String> lines = Files.readAllLines(log);
        System.out.println("---- " + log + " (tail)");
        lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
      } catch (Exception e) {
        System.out.println("---- " + log + ": " + e);
      }
    }
  }

  /** A process's command line from /proc (nsenter execs the agent's java in its place). */
  private static String commandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")),
          java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (java.io.IOException gone) {
      return "";
    }
  }
}

package io.kubling.agent;

import io.kubling.agent.host.NodeHosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.kubling.testkit.Requirements.require;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.runtime.Ipv4Cidr;
import io.kubling.testkit.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two node agents, each its own JVM inside its node's network namespace, running real pods in
 * pod namespaces wired by the CNI plugins; the API server reached through a Unix socket.
 */
class NetnsAgentTest {
  static AgentTestCluster cluster;
  static KubernetesClient client;
  static NodeHosts bed;
  static UnixSocketRelay relay;
  static Path tmp;
  static final Process[] agents = new Process[3];

  @BeforeAll
  static void start() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    tmp = Files.createTempDirectory("kubling-netns-agent");
    bed = new NodeHosts();
    cluster = new AgentTestCluster();
    client = cluster.newClient("netns-agent-test");
    relay = UnixSocketRelay.unixToTcp(tmp.resolve("api.sock"),
        new InetSocketAddress("127.0.0.1", cluster.port()));
    for (int i = 1; i <= 2; i++) {
      bed.addNode(i);
      startAgent(i);
    }
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (int i = 1; i <= 2; i++) {
        var n = client.nodes().withName("node" + i).get();
        assertThat(n).isNotNull();
        assertThat(n.getStatus().getConditions()).anyMatch(
            c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
      }
    });
  }

  /** The test's stand-in for the node IPAM controller: node i gets 10.244.i.0/24 by flag. */
  static void startAgent(int i) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        AgentMain.class.getName(),
        "--node-name", "node" + i, "--node-ip", NodeHosts.nodeIp(i),
        "--pod-cidr", "10.244." + i + ".0/24", "--runtime", "netns",
        "--api-socket", tmp.resolve("api.sock").toString(),
        "--data-dir", tmp.resolve("node" + i).toString(),
        "--pod-netns-prefix", bed.prefix + "p-"));
    agents[i] = bed.startInNode(i, cmd, tmp.resolve("agent" + i + ".log"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (bed != null) {
        bed.close();
      }
    } finally {
      if (relay != null) {
        relay.close();
      }
      if (client != null) {
        client.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      if (tmp != null) {
        for (int i = 1; i <= 2; i++) {
          TempDirs.printTail(tmp.resolve("agent" + i + ".log"), "agent" + i + " log", 40);
        }
        TempDirs.deleteTree(tmp);
      }
    }
  }

  static Pod create(String name, String node, Map<String, String> env, String... command) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withTerminationGracePeriodSeconds(3L).addNewContainer().withName("main")
        .withImage(command.length == 0 ? "busybox" : "python:3").withCommand(command)
        .endContainer().endSpec();
    env.forEach((k, v) -> b.editSpec().editFirstContainer().addNewEnv().withName(k).withValue(v)
        .endEnv().endContainer().endSpec());
    Pod p = client.pods().inNamespace("default").resource(b.build()).create();
    AgentTestCluster.bind(client, p, node);
    return p;
  }

  static Pod running(String name) {
    Pod[] out = new Pod[1];
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Pod p = client.pods().inNamespace("default").withName(name).get();
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getStatus().getContainerStatuses()).allMatch(ContainerStatus::getReady);
      out[0] = p;
    });
    return out[0];
  }

  static String podNetns(Pod p) {
    return bed.prefix + "p-" + p.getMetadata().getUid().replace("-", "").substring(0, 12);
  }

  static NodeHosts.Result curl(String netns, String ip) throws IOException {
    return NodeHosts.exec(netns, "curl -s --noproxy '*' --max-time 3 http://" + ip + ":8080/");
  }

  @Test
  void podServesByIpAcrossNodesRestartsAfterAKillIsAdoptedAndLeavesNothingBehind()
      throws Exception {
    Pod web = create("web", "node1", Map.of("GREETING", "hi"),
        "python3", "-m", "http.server", "8080", "--bind", "0.0.0.0");
    Pod client2 = create("client", "node2", Map.of());
    web = running("web");
    running("client");
    String ip = web.getStatus().getPodIP();
    assertThat(Ipv4Cidr.parse("10.244.1.0/24").contains(ip)).isTrue();
    assertThat(web.getStatus().getHostIP()).isEqualTo("10.250.0.1");
    String webNs = podNetns(web);
    assertThat(NodeHosts.namespaces(webNs)).containsExactly(webNs);

    // From a pod on the other node, across the host-gw routes.
    Pod c = client.pods().inNamespace("default").withName("client").get();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(curl(podNetns(c), ip).out()).contains("Directory listing"));
    assertThat(curl(bed.node(2), ip).out()).contains("Directory listing");

    // Killing the container's processes: the agent restarts it, restartCount 1.
    for (String pid : NodeHosts.run("ip netns pids " + webNs).out().split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Pod p = client.pods().inNamespace("default").withName("web").get();
      ContainerStatus s = p.getStatus().getContainerStatuses().get(0);
      assertThat(s.getRestartCount()).isEqualTo(1);
      assertThat(s.getState().getRunning()).isNotNull();
      assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(137);
      assertThat(curl(bed.node(2), ip).out()).contains("Directory listing");
    });

    // Agent restart: the running pod is adopted, not restarted.
    String pidsBefore = NodeHosts.run("ip netns pids " + webNs).out().strip();
    agents[1].destroy();
    agents[1].waitFor();
    startAgent(1);
    Thread.sleep(8000);
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Pod p = client.pods().inNamespace("default").withName("web").get();
      assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
      assertThat(p.getStatus().getPodIP()).isEqualTo(ip);
    });
    assertThat(NodeHosts.run("ip netns pids " + webNs).out().strip()).isEqualTo(pidsBefore);
    assertThat(curl(bed.node(2), ip).out()).contains("Directory listing");

    // Deletion: SIGTERM, the object removed, nothing left: process, namespace, veth, IP.
    client.pods().inNamespace("default").withName("web").delete();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(
        () -> client.pods().inNamespace("default").withName("web").get() == null);
    assertThat(NodeHosts.namespaces(webNs)).isEmpty();
    for (String pid : pidsBefore.split("\\s+")) {
      assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).isEmpty();
    }
    assertThat(NodeHosts.sh("ip -n " + bed.node(1) + " -o link show master kubling0")).isBlank();
    Path leases = tmp.resolve("node1/cni/networks/kubling");
    assertThat(Files.exists(leases.resolve(ip))).isFalse();
    client.pods().inNamespace("default").withName("client").delete();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> NodeHosts.namespaces(bed.prefix + "p-").isEmpty());
  }
}

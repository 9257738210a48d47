package io.kubling.e2e.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentMain;
import io.kubling.agent.UnixSocketRelay;
import io.kubling.agent.host.NodeHosts;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import io.kubling.e2e.secure.Identity;
import io.kubling.e2e.secure.SecureCluster;
import io.kubling.proxy.dns.KubeDnsService;
import io.kubling.scheduler.SchedulerOptions;
import io.kubling.scheduler.SchedulerServer;
import io.kubling.testkit.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole cluster for one proxy mode: a real etcd and the API server
 * ({@link SecureCluster}), the real scheduler and controller manager in this JVM, and two
 * node agents, each its own JVM inside its node's network namespace (NodeHosts) with its
 * node's kubeconfig, reaching the API server through a Unix socket, running pods with the
 * netns runtime and the service proxy in the given mode.
 */
final class ProxyCluster implements AutoCloseable {
  static final String LB_RANGE = "10.250.0.200-10.250.0.209";
  /** The agents' default --cluster-dns. */
  static final String CLUSTER_DNS = "10.96.0.10";

  final String mode;
  final Path tmp;
  final NodeHosts bed;
  final KubernetesClient client;
  private final SecureCluster cluster;
  private final List<AutoCloseable> closers = new ArrayList<>();

  ProxyCluster(String mode) throws Exception {
    this.mode = mode;
    tmp = Files.createTempDirectory("kubling-proxy-e2e-" + mode);
    closers.add(this::deleteTmp);
    try {
      // Inside the try: a cluster that fails to start must not leave tmp behind.
      cluster = SecureCluster.start("proxy-e2e");
      closers.add(0, cluster);
      client = cluster.admin();
      // kubeadm's DNS addon step, with the admin's credentials: a node may not create
      // Services, so under RBAC the agents only find kube-dns (at their --cluster-dns).
      KubeDnsService.ensure(client, CLUSTER_DNS);
      startControlPlane(cluster.url());
      UnixSocketRelay relay = UnixSocketRelay.unixToTcp(tmp.resolve("api.sock"),
          new InetSocketAddress("127.0.0.1", cluster.port()));
      closers.add(0, relay);
      bed = new NodeHosts("kt-px");
      closers.add(0, this::printAgentLogs);
      closers.add(0, bed);
      for (int i = 1; i <= 2; i++) {
        bed.addNode(i);
        startAgent(i);
      }
      awaitNodesReady();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startControlPlane(String url) {
    ControllerManagerOptions options = ControllerManagerOptions.defaults(cluster.component(
        ControllerManagerOptions.NAME, Identity.CONTROLLER_MANAGER))
        .withApiServerUrl(url).withLoadBalancerIpRange(LB_RANGE)
        .withRootCaFile(cluster.rootCaFile());
    // On a crowded machine a controller's informers can miss their sync deadline, and the
    // manager then leads with some controllers not started and does not try again (noticed,
    // not this test's subject); such a manager is replaced, a bounded number of times.
    for (int attempt = 1; ; attempt++) {
      KubernetesClient cmClient = KubeClients.create(options.component(),
          ClientSettings.defaults(ControllerManagerOptions.NAME));
      ControllerManager manager = new ControllerManager(options, cmClient, "proxy-e2e").start();
      closers.add(0, cmClient);
      closers.add(0, manager);
      if (allStarted(manager) || attempt == 3) {
        break;
      }
      manager.close();
      cmClient.close();
    }
    closers.add(0, SchedulerServer.start(SchedulerOptions.defaults().withComponent(
        cluster.component("kube-scheduler", Identity.SCHEDULER))));
  }

  private static boolean allStarted(ControllerManager manager) {
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> manager.controllers().size()
          == ControllerManagerOptions.ALL.size()
          && manager.controllers().stream().allMatch(c -> c.hasSynced()));
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /** Node i's agent; its pod CIDR comes from the node IPAM controller. */
  private void startAgent(int i) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
        "--node-name", node(i), "--node-ip", NodeHosts.nodeIp(i), "--runtime", "netns",
        "--api-socket", tmp.resolve("api.sock").toString(),
        "--kubeconfig", cluster.kubeconfig(Identity.node(node(i))).toString(),
        "--data-dir", tmp.resolve(node(i)).toString(),
        "--pod-netns-prefix", bed.prefix + "p-",
        "--proxy-mode", mode, "--min-sync-period", "200ms",
        "--node-status-update-frequency", "2s"));
    bed.startInNode(i, cmd, tmp.resolve("agent" + i + ".log"));
  }

  static String node(int i) {
    return "node" + i;
  }

  private void awaitNodesReady() {
    await().ignoreExceptions().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      for (int i = 1; i <= 2; i++) {
        var n = client.nodes().withName(node(i)).get();
        assertThat(n).isNotNull();
        assertThat(n.getStatus().getConditions()).anyMatch(
            c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        assertThat(n.getMetadata().getAnnotations()).containsEntry("proxy.kubling.io/mode", mode);
      }
    });
  }

  /** The network namespace of a pod, as the agent names it. */
  String podNetns(io.fabric8.kubernetes.api.model.Pod p) {
    return bed.prefix + "p-" + p.getMetadata().getUid().replace("-", "").substring(0, 12);
  }

  private void printAgentLogs() throws IOException {
    for (int i = 1; i <= 2; i++) {
      TempDirs.printTail(tmp.resolve("agent" + i + ".log"), mode + " agent" + i + " log", 30);
    }
  }

  private void deleteTmp() throws IOException {
    try (var walk = Files.walk(tmp)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : List.copyOf(closers)) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("proxy e2e cleanup: " + e);
      }
    }
    closers.clear();
  }
}

package io.kubling.compose;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.host.NodeHosts;
import io.kubling.cli.Main;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.testkit.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docker compose up} without Docker: every service of compose.yaml started from its
 * command and environment as a local process ({@link LocalCluster}), then the cluster is
 * checked as a user of it would: kubectl with the admin kubeconfig the pki service wrote
 * (the README's) sees both nodes Ready, anonymous callers get no further than /readyz, etcd
 * refuses a client without a certificate, each leader-elected pair has exactly one leader,
 * a pod is scheduled and serves, and the ingress controller routes to it.
 */
class ComposeLocalRunTest {
  static final Duration UP_WITHIN = Duration.ofMinutes(3);
  static final Pattern CAMPAIGN = Pattern.compile(
      "identity=(\\S+) lease=(\\S+) campaigning for leadership");

  @Test
  void composeServicesAsLocalProcessesFormAClusterThatRunsAPod() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    require(onPath("etcd") && onPath("etcdctl") && onPath("curl"), "needs etcd, etcdctl, curl");
    require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "needs kubectl");
    ComposeFile compose = ComposeFile.load();
    Dockerfile dockerfile = Dockerfile.load(ComposeFile.repoRoot().resolve("Dockerfile"));
    boolean passed = false;
    try (LocalCluster cluster = LocalCluster.up(compose, dockerfile, Main.class.getName())) {
      try {
        checkCluster(compose, cluster);
        passed = true;
      } finally {
        if (!passed) {
          cluster.printLogs();
        }
      }
    }
  }

  private static void checkCluster(ComposeFile compose, LocalCluster cluster) throws Exception {
    List<String> nodes = cluster.translation.nodes();
    LocalTranslation t = cluster.translation;
    String url = "https://127.0.0.1:" + cluster.layout.port("apiserver", 6443);
    // The admin kubeconfig the pki service wrote into the host's ./deploy (the run's temp
    // dir stands for the repository root), its published port mapped to the local one.
    Path written = t.hostPath("pki", "/deploy/compose-kubeconfig");
    assertThat(written).isEqualTo(cluster.workDir.resolve("deploy/compose-kubeconfig"));
    String adminConfig = Files.readString(written);
    assertThat(adminConfig).contains("server: https://127.0.0.1:6443")
        .contains("client-certificate-data: ");
    Path kubeconfig = cluster.workDir.resolve("compose-kubeconfig");
    Files.writeString(kubeconfig, t.hostView(adminConfig));
    try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig,
        ClientSettings.defaults("compose-test"))) {
      // Every node service registers a Node that turns Ready (podCIDR from node IPAM).
      await().atMost(UP_WITHIN).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .untilAsserted(() -> {
            List<Node> ready = client.nodes().list().getItems().stream()
                .filter(ComposeLocalRunTest::isReady).toList();
            assertThat(ready).hasSize(nodes.size());
          });
      cluster.progress("nodes Ready: " + nodes);

      // kubectl on the host, with the kubeconfig the README names: it is the admin.
      Kubectl kubectl = Kubectl.withKubeconfig(Kubectl.DEFAULT, kubeconfig,
          cluster.workDir.resolve("kc"));
      String got = kubectl.run("get", "nodes", "--no-headers").assertOk().out();
      assertThat(got.lines().filter(l -> l.contains(" Ready ")).count()).isEqualTo(nodes.size());
      assertThat(kubectl.run("auth", "whoami", "-o", "jsonpath={.status.userInfo.groups}")
          .assertOk().out()).contains("system:masters");

      // Secure: no plain HTTP, anonymous callers reach /readyz (the healthcheck) and not the
      // API, and etcd takes no client without a certificate from its CA.
      Path ca = t.hostPath("apiserver", "/etc/kubling/pki/ca.crt");
      assertThat(curl("--cacert", ca.toString(), url + "/api/v1/pods")).isIn("401", "403");
      assertThat(curl("--cacert", ca.toString(), url + "/readyz")).isEqualTo("200");
      assertThat(curl("http://127.0.0.1:" + cluster.layout.port("apiserver", 6443)
          + "/readyz")).isNotEqualTo("200");
      String etcd = "--endpoints=https://127.0.0.1:" + cluster.layout.port("etcd", 2379);
      String etcdCa = "--cacert=" + t.hostPath("apiserver", "/etc/kubling/pki/etcd/ca.crt");
      ProcessResult anonymousEtcd = run("etcdctl", etcd, etcdCa, "--command-timeout=5s",
          "get", "/registry/", "--prefix", "--keys-only", "--limit=1");
      assertThat(anonymousEtcd.code()).as("etcd without a client certificate: "
          + anonymousEtcd.out()).isNotZero();
      assertThat(anonymousEtcd.out()).doesNotContain("/registry/");
      ProcessResult apiserverEtcd = run("etcdctl", etcd, etcdCa, "--command-timeout=5s",
          "--cert=" + t.hostPath("apiserver", "/etc/kubling/pki/apiserver-etcd-client.crt"),
          "--key=" + t.hostPath("apiserver", "/etc/kubling/pki/apiserver-etcd-client.key"),
          "get", "/registry/", "--prefix", "--keys-only", "--limit=1");
      assertThat(apiserverEtcd.code()).as(apiserverEtcd.out()).isZero();
      assertThat(apiserverEtcd.out()).contains("/registry/");
      cluster.progress("secure: anonymous API 401/403, no plain HTTP, etcd wants a client cert");

      for (String command : List.of("scheduler", "controller-manager")) {
        assertOneLeader(client, cluster, ComposeSchemaTest.servicesRunning(command).stream()
            .map(ComposeFile.Service::name).toList());
      }
      cluster.progress("one leader each among the schedulers and the controller managers");

      Pod pod = client.pods().inNamespace("default").resource(new PodBuilder()
          .withNewMetadata().withName("web").addToLabels("app", "web").endMetadata()
          .withNewSpec().withTerminationGracePeriodSeconds(2L).addNewContainer()
          .withName("web").withImage("nginx:1.27").addNewPort().withContainerPort(80).endPort()
          .endContainer().endSpec().build()).create();
      await().atMost(UP_WITHIN).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .untilAsserted(() -> {
            Pod p = client.pods().inNamespace("default").withName("web").get();
            assertThat(p.getSpec().getNodeName()).isNotNull();
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(p.getStatus().getPodIP()).isNotNull();
          });
      Pod running = client.pods().inNamespace("default").withName("web").get();
      cluster.progress("pod web Running on " + running.getSpec().getNodeName());
      // The pod serves from its node's network namespace.
      int node = 0;
      for (int i = 1; i <= nodes.size(); i++) {
        if (running.getStatus().getHostIP().equals(NodeHosts.nodeIp(i))) {
          node = i;
        }
      }
      assertThat(node).as("pod's hostIP among the node namespaces' addresses").isPositive();
      String netns = cluster.nodeNamespace(node);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
          assertThat(NodeHosts.exec(netns, "curl -s --noproxy '*' --max-time 3 http://"
              + running.getStatus().getPodIP() + ":80/").out()).isNotBlank());

      checkIngress(client, cluster, running);
    }
  }

  /**
   * The ingress controller, in node-1's network namespace, routes a host to the pod behind a
   * Service (whichever node runs it), answers 404 for a host no rule names, and writes
   * node-1's address into the Ingress's status.
   */
  private static void checkIngress(KubernetesClient client, LocalCluster cluster, Pod pod)
      throws Exception {
    client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata()
        .withName("web").endMetadata().withNewSpec().addToSelector("app", "web").addNewPort()
        .withPort(80).withNewTargetPort(80).endPort().endSpec().build()).create();
    client.network().v1().ingresses().inNamespace("default").resource(new IngressBuilder()
        .withNewMetadata().withName("web").endMetadata().withNewSpec()
        .withIngressClassName("kubling").addNewRule().withHost("web.compose.example")
        .withNewHttp().addNewPath().withPath("/").withPathType("Prefix").withNewBackend()
        .withNewService().withName("web").withNewPort().withNumber(80).endPort().endService()
        .endBackend().endPath().endHttp().endRule().endSpec().build()).create();
    int node = cluster.translation.namespaceOf("ingress-controller");
    String netns = cluster.nodeNamespace(node);
    String get = "curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 3 -H ";
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().untilAsserted(() -> assertThat(NodeHosts.exec(netns,
            get + "'Host: web.compose.example' http://127.0.0.1:80/").out()).isEqualTo("200"));
    assertThat(NodeHosts.exec(netns, get + "'Host: nothing.example' http://127.0.0.1:80/")
        .out()).isEqualTo("404");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(client.network().v1().ingresses().inNamespace("default").withName("web")
            .get().getStatus().getLoadBalancer().getIngress()).extracting("ip")
            .contains(NodeHosts.nodeIp(node)));
    cluster.progress("ingress on node " + node + " routes web.compose.example to pod web on "
        + pod.getSpec().getNodeName());
  }

  /**
   * Both replicas campaigned for the same Lease, exactly one of them leads now (its last
   * word on leadership is "started leading"; under load a replica may lead briefly and step
   * down), and the Lease names that one as its holder.
   */
  private static void assertOneLeader(KubernetesClient client, LocalCluster cluster,
      List<String> replicas) {
    assertThat(replicas).hasSize(2);
    await().atMost(UP_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Map<String, String> leading = new LinkedHashMap<>();
      String lease = null;
      for (String r : replicas) {
        String log = cluster.log(r);
        Matcher m = CAMPAIGN.matcher(log);
        String identity = null;
        while (m.find()) {
          identity = m.group(1);
          assertThat(lease == null || lease.equals(m.group(2))).as("same Lease").isTrue();
          lease = m.group(2);
        }
        assertThat(identity).as(r + " campaigned").isNotNull();
        if (log.lastIndexOf("identity=" + identity + " started leading")
            > log.lastIndexOf("identity=" + identity + " stopped leading")) {
          leading.put(r, identity);
        }
      }
      assertThat(leading).as("replicas leading " + lease).hasSize(1);
      String[] nsName = lease.split("/");
      Lease l = client.leases().inNamespace(nsName[0]).withName(nsName[1]).get();
      assertThat(l.getSpec().getHolderIdentity()).isEqualTo(leading.values().iterator().next());
    });
  }

  record ProcessResult(int code, String out) {}

  /** Runs a program on the host, bounded, stdout and stderr together. */
  static ProcessResult run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().close();
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      throw new AssertionError(String.join(" ", argv) + " did not finish in 30 s");
    }
    return new ProcessResult(p.exitValue(), new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The HTTP status curl sees, "000" when nothing speaking HTTP answers. */
  static String curl(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("curl", "-sS", "--noproxy", "*",
        "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}"));
    argv.addAll(List.of(args));
    String out = run(argv.toArray(String[]::new)).out();
    return out.substring(Math.max(0, out.length() - 3));
  }

  static boolean isReady(Node n) {
    return n.getStatus() != null && n.getStatus().getConditions() != null
        && n.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}

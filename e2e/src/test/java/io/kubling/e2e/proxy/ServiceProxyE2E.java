package io.kubling.e2e.proxy;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubling.agent.host.NodeHosts;
import io.kubling.controllers.servicelb.LoadBalancerIpRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Services end to end in one proxy mode, on one cluster per mode (see {@link ProxyCluster}): a
 * Deployment of 3 pods whose HTTP server answers its pod's name, behind a NodePort service, a
 * ClientIP-affinity service and a LoadBalancer service; a client pod on node2. The tests run in
 * order, since the later ones take pods away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ServiceProxyE2E {
  static final String NS = "default";

  ProxyCluster cluster;
  Traffic traffic;
  Path state;
  String webIP;
  int nodePort;
  List<String> pods;
  String clientNetns;

  abstract String mode();

  @BeforeAll
  void start() throws Exception {
    require(NodeHosts.usable() && Files.isExecutable(Path.of("/usr/bin/python3"))
        && Files.isExecutable(Path.of("/usr/sbin/iptables")),
        "needs root, iproute2, nsenter, /usr/lib/cni, iptables/nft and python3");
    cluster = new ProxyCluster(mode());
    state = Files.createDirectories(cluster.tmp.resolve("state"));
    traffic = new Traffic(cluster.tmp);
    var c = cluster.client;
    c.apps().deployments().inNamespace(NS).resource(deployment(3)).create();
    Service web = c.services().inNamespace(NS).resource(service("web", "NodePort", "None"))
        .create();
    webIP = web.getSpec().getClusterIP();
    nodePort = web.getSpec().getPorts().get(0).getNodePort();
    c.services().inNamespace(NS).resource(service("sticky", "ClusterIP", "ClientIP")).create();
    c.services().inNamespace(NS).resource(service("web-lb", "LoadBalancer", "None")).create();
    Pod client = c.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata()
        .withName("client").endMetadata().withNewSpec().withNodeName("node2")
        .withTerminationGracePeriodSeconds(1L).addNewContainer().withName("main")
        .withImage("busybox").withCommand("sleep", "100000").endContainer().endSpec().build())
        .create();
    await().ignoreExceptions().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      assertThat(readyWebPods()).hasSize(3);
      assertThat(c.pods().inNamespace(NS).withName("client").get().getStatus().getPhase())
          .isEqualTo("Running");
    });
    pods = readyWebPods();
    clientNetns = cluster.podNetns(c.pods().inNamespace(NS).withName("client").get());
    await().atMost(Duration.ofSeconds(60)).until(() ->
        !traffic.requests(clientNetns, webIP, 80, 1).get(0).startsWith("ERR"));
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void clusterIPFromAPodSpreadsOverTheThreeBackends() throws Exception {
    assertSpread(traffic.requests(clientNetns, webIP, 80, 300));
  }

  @Test
  @Order(2)
  void clusterIPFromANode() throws Exception {
    assertThat(traffic.requests(cluster.bed.node(1), webIP, 80, 30)).allMatch(pods::contains);
  }

  @Test
  @Order(3)
  void nodePortFromTheOtherNode() throws Exception {
    assertSpread(traffic.requests(cluster.bed.node(2), NodeHosts.nodeIp(1), nodePort, 300));
  }

  @Test
  @Order(4)
  void clientIPAffinityPinsAClientToOneBackend() throws Exception {
    String ip = cluster.client.services().inNamespace(NS).withName("sticky").get().getSpec()
        .getClusterIP();
    var h = Traffic.histogram(traffic.requests(clientNetns, ip, 80, 30));
    assertThat(h).hasSize(1);
    assertThat(pods).contains(h.keySet().iterator().next());
  }

  @Test
  @Order(5)
  void podsResolveServiceNamesShortAndFullyQualified() throws Exception {
    Path conf = Path.of("/etc/netns", clientNetns, "resolv.conf");
    assertThat(Files.readString(conf)).isEqualTo("""
        search default.svc.cluster.local svc.cluster.local cluster.local
        nameserver 10.96.0.10
        options ndots:5
        """);
    // `ip netns exec` mounts that file over /etc/resolv.conf, so glibc's resolver uses it
    for (String name : List.of("web", "web.default", "web.default.svc.cluster.local")) {
      NodeHosts.Result r = NodeHosts.exec(clientNetns, "getent ahostsv4 " + name);
      assertThat(r.code()).as(name + ": " + r.out()).isZero();
      assertThat(r.out()).startsWith(webIP + " ")
          .contains("web.default.svc.cluster.local");
    }
    assertThat(NodeHosts.exec(clientNetns, "getent ahostsv4 kube-dns.kube-system").out())
        .startsWith("10.96.0.10 ");
    assertThat(NodeHosts.exec(clientNetns, "getent ahostsv4 no-such-service").code())
        .isNotZero();
  }

  @Test
  @Order(6)
  void loadBalancerIPFromTheOtherNodeAndFromOutside() throws Exception {
    String[] ip = new String[1];
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      var ingress = cluster.client.services().inNamespace(NS).withName("web-lb").get()
          .getStatus().getLoadBalancer().getIngress();
      assertThat(ingress).hasSize(1);
      ip[0] = ingress.get(0).getIp();
    });
    assertThat(LoadBalancerIpRange.parse(ProxyCluster.LB_RANGE).contains(ip[0])).isTrue();
    await().atMost(Duration.ofSeconds(20)).until(() ->
        pods.contains(traffic.requests(cluster.bed.node(2), ip[0], 80, 1).get(0)));
    assertThat(traffic.requests(cluster.bed.node(2), ip[0], 80, 30)).allMatch(pods::contains);
    // From outside the cluster: a host on the switch that routes the address to node1, as a
    // router announced by a load balancer would.
    String sw = cluster.bed.sw();
    NodeHosts.sh("ip -n " + sw + " addr add 10.250.0.254/24 dev br0");
    NodeHosts.sh("ip -n " + sw + " route add " + ip[0] + "/32 via " + NodeHosts.nodeIp(1));
    assertThat(traffic.requests(sw, ip[0], 80, 30)).allMatch(pods::contains);
  }

  @Test
  @Order(7)
  void anUnreadyPodGetsNoNewConnectionsAfterTheEndpointsUpdate() throws Exception {
    String unready = pods.get(0);
    Files.writeString(state.resolve(unready + ".unready"), "");
    await().atMost(Duration.ofSeconds(30)).until(() -> endpointReady(unready) == Boolean.FALSE);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        !traffic.requests(clientNetns, webIP, 80, 30).contains(unready));
    assertThat(Traffic.histogram(traffic.requests(clientNetns, webIP, 80, 60)).keySet())
        .containsExactlyInAnyOrderElementsOf(pods.subList(1, 3));
  }

  @Test
  @Order(9)
  void scaledToZeroTheServiceRejectsAtOnce() throws Exception {
    cluster.client.apps().deployments().inNamespace(NS).withName("web").scale(0);
    await().atMost(Duration.ofSeconds(60)).until(() -> slices().stream()
        .allMatch(s -> s.getEndpoints() == null || s.getEndpoints().isEmpty()));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        traffic.requests(clientNetns, webIP, 80, 1).get(0).equals("ERR:ConnectionRefusedError"));
    // refused, not timed out: the proxy REJECTs a service without endpoints
    assertThat(traffic.requests(clientNetns, webIP, 80, 5))
        .containsOnly("ERR:ConnectionRefusedError");
    assertThat(traffic.requests(cluster.bed.node(2), NodeHosts.nodeIp(1), nodePort, 3))
        .containsOnly("ERR:ConnectionRefusedError");
  }

  static void assertSpread(List<String> answers) {
    Map<String, Integer> h = Traffic.histogram(answers);
    assertThat(h).hasSize(3);
    // each backend between 20% and 47% of the answers
    h.forEach((pod, n) -> assertThat(n).as(pod + " in " + h)
        .isBetween(answers.size() * 20 / 100, answers.size() * 47 / 100));
  }

  List<String> readyWebPods() {
    return cluster.client.pods().inNamespace(NS).withLabel("app", "web").list().getItems()
        .stream().filter(p -> "Running".equals(p.getStatus().getPhase())
            && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  List<EndpointSlice> slices() {
    return cluster.client.discovery().v1().endpointSlices().inNamespace(NS)
        .withLabel("kubernetes.io/service-name", "web").list().getItems();
  }

  /** The ready condition of a pod's endpoint in web's slices; null when it is not there. */
  Boolean endpointReady(String pod) {
    for (EndpointSlice s : slices()) {
      for (var e : s.getEndpoints() == null ? List.<io.fabric8.kubernetes.api.model.discovery.v1
          .Endpoint>of() : s.getEndpoints()) {
        if (e.getTargetRef() != null && pod.equals(e.getTargetRef().getName())) {
          return e.getConditions() == null ? null : e.getConditions().getReady();
        }
      }
    }
    return null;
  }

  /**
   * The pods: the server in the background, so killing it leaves the container running; ready
   * once the server has bound its port and until the test marks the pod unready — a killed
   * server stays a ready endpoint, which is what the userspace retry is for.
   */
  io.fabric8.kubernetes.api.model.apps.Deployment deployment(int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web")
        .endMetadata().withNewSpec().withTerminationGracePeriodSeconds(1L)
        .addNewContainer().withName("http").withImage("python:3")
        .withCommand("sh", "-c", "python3 -c \"$SERVER\" & echo $! > \"$STATE_DIR/$POD_NAME.pid\";"
            + " exec sleep 100000")
        .addNewEnv().withName("SERVER").withValue(Traffic.SERVER).endEnv()
        .addNewEnv().withName("STATE_DIR").withValue(state.toString()).endEnv()
        .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
        .addNewPort().withContainerPort(8080).withName("http").endPort()
        .withNewReadinessProbe().withNewExec().withCommand("sh", "-c",
            "test -e \"$STATE_DIR/$POD_NAME.listening\""
                + " && test ! -e \"$STATE_DIR/$POD_NAME.unready\"")
        .endExec().withPeriodSeconds(1).endReadinessProbe()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  static Service service(String name, String type, String affinity) {
    return new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withType(type).withSessionAffinity(affinity)
        .addToSelector("app", "web")
        .addNewPort().withName("http").withPort(80).withProtocol("TCP")
        .withTargetPort(new IntOrString(8080)).endPort().endSpec().build();
  }
}

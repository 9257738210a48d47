package io.kubling.agent.volume;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentMain;
import io.kubling.agent.AgentTestCluster;
import io.kubling.agent.UnixSocketRelay;
import io.kubling.agent.host.NodeHosts;
import io.kubling.agent.node.KubeletEndpoints;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.serviceaccount.SigningKey;
import io.kubling.testkit.Kubectl;
import io.kubling.testkit.TempDirs;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node agent in a node's network namespace projects the kube-api-access volume the API
 * server added: the pod reads a token bound to it, ca.crt and its namespace at
 * /var/run/secrets/kubernetes.io/serviceaccount, so do execs, and the token is renewed. The
 * API server authenticates nobody here (that is not the agent's part) but signs tokens.
 */
class TokenVolumeNetnsTest {
  static final String MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
  static final String CA = "-----BEGIN CERTIFICATE-----\nnot-a-real-ca\n-----END CERTIFICATE-----\n";
  static AgentTestCluster cluster;
  static KubernetesClient client;
  static NodeHosts bed;
  static UnixSocketRelay apiRelay;
  static UnixSocketRelay kubeletRelay;
  static Kubectl kubectl;
  static Path tmp;
  static SigningKey key;
  static ServiceAccount builder;
  static List<String> agentCommand;
  static Process agent;

  @BeforeAll
  static void start() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "needs kubectl");
    require(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
    tmp = Files.createTempDirectory("kubling-token-volume");
    Path keyFile = writeKey(tmp.resolve("sa.key"));
    key = SigningKey.load(keyFile);
    ServingSecurity n = ServingSecurity.NONE;
    ServingSecurity signing = new ServingSecurity(null, null, null, null, List.of(), keyFile,
        n.serviceAccountIssuer(), n.authorizationModes(), n.anonymousAuth());
    bed = new NodeHosts();
    cluster = new AgentTestCluster(o -> o.withServingSecurity(signing));
    client = cluster.newClient("token-volume-test");
    kubectl = Kubectl.forServer(Kubectl.DEFAULT, cluster.url(), tmp.resolve("kubectl"));
    apiRelay = UnixSocketRelay.unixToTcp(tmp.resolve("api.sock"),
        new InetSocketAddress("127.0.0.1", cluster.port()));
    Path data = tmp.resolve("node1");
    kubeletRelay = KubeletEndpoints.relay(data);
    bed.addNode(1);
    // 3607 s × 0.0005: the token is renewed about every 2 s instead of every 48 minutes.
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        AgentMain.class.getName(),
        "--node-name", "node1", "--node-ip", NodeHosts.nodeIp(1),
        "--pod-cidr", "10.244.1.0/24", "--runtime", "netns",
        "--api-socket", tmp.resolve("api.sock").toString(),
        "--data-dir", data.toString(),
        "--kubelet-endpoint", "127.0.0.1:" + kubeletRelay.port(),
        "--token-refresh-fraction", "0.0005",
        "--pod-netns-prefix", bed.prefix + "p-"));
    agentCommand = cmd;
    agent = bed.startInNode(1, cmd, tmp.resolve("agent1.log"));
    // What the namespace and ServiceAccount controllers and root-ca-cert-publisher would do.
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team")
        .endMetadata().build()).create();
    builder = client.serviceAccounts().inNamespace("team").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("builder").endMetadata().build()).create();
    client.serviceAccounts().inNamespace("team").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("default").endMetadata().build()).create();
    client.configMaps().inNamespace("team").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("kube-root-ca.crt").endMetadata().addToData("ca.crt", CA).build()).create();
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      var node = client.nodes().withName("node1").get();
      assertThat(node.getStatus().getConditions()).anyMatch(
          c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    });
  }

  static Path writeKey(Path file) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return file;
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
        for (String name : List.of("agent1.log", "agent1-restarted.log")) {
          TempDirs.printTail(tmp.resolve(name), name, 40);
        }
        TempDirs.deleteTree(tmp);
      }
    }
  }

  static JWTClaimsSet verified(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token.strip());
    assertThat(jwt.verify(new RSASSAVerifier(key.publicKey()))).isTrue();
    return jwt.getJWTClaimsSet();
  }

  @Test
  void thePodAndItsExecsReadABoundTokenCaAndNamespaceAndTheTokenIsRenewed() throws Exception {
    Pod pod = client.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata()
        .withName("reader").endMetadata().withNewSpec().withServiceAccountName("builder")
        .withTerminationGracePeriodSeconds(1L).addNewContainer().withName("main")
        .withImage("busybox").withCommand("sh", "-c", "cat " + MOUNT + "/namespace; echo;"
            + " cat " + MOUNT + "/token; echo; exec sleep 3600").endContainer().endSpec()
        .build()).create();
    AgentTestCluster.bind(client, pod, "node1");
    String volume = pod.getSpec().getVolumes().get(0).getName();
    assertThat(volume).startsWith("kube-api-access-");
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Pod p = client.pods().inNamespace("team").withName("reader").get();
      assertThat(p.getStatus().getContainerStatuses()).allMatch(ContainerStatus::getStarted);
      assertThat(kubectl.run("-n", "team", "logs", "reader").assertOk().out().lines().count())
          .isEqualTo(2);
    });

    // What the container itself read at start.
    List<String> logged = kubectl.run("-n", "team", "logs", "reader").assertOk().out()
        .lines().toList();
    assertThat(logged.get(0)).isEqualTo("team");
    JWTClaimsSet first = verified(logged.get(1));
    assertThat(first.getSubject()).isEqualTo("system:serviceaccount:team:builder");
    Map<String, Object> k8s = first.getJSONObjectClaim("kubernetes.io");
    assertThat(k8s.get("pod")).isEqualTo(Map.of("name", "reader",
        "uid", pod.getMetadata().getUid()));
    assertThat(k8s.get("serviceaccount")).isEqualTo(Map.of("name", "builder",
        "uid", builder.getMetadata().getUid()));
    assertThat(k8s).containsKey("node");
    assertThat(first.getExpirationTime().getTime() - first.getIssueTime().getTime())
        .isEqualTo(3607_000L);

    // An exec sees the same files, read-only, 0644 through the ..data link.
    assertThat(exec("cat", MOUNT + "/namespace")).isEqualTo("team");
    assertThat(exec("cat", MOUNT + "/ca.crt")).isEqualTo(CA.strip());
    assertThat(exec("stat", "-L", "-c", "%a", MOUNT + "/token")).isEqualTo("644");
    assertThat(exec("readlink", MOUNT + "/token")).isEqualTo("..data/token");
    assertThat(kubectl.run("-n", "team", "exec", "reader", "--", "sh", "-c",
        "echo x > " + MOUNT + "/token").exit()).isNotZero();

    // Renewal: a later token, as valid, bound to the same pod.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
        !exec("cat", MOUNT + "/token").equals(logged.get(1).strip()));
    JWTClaimsSet renewed = verified(exec("cat", MOUNT + "/token"));
    assertThat(renewed.getIssueTime()).isAfter(first.getIssueTime());
    assertThat(renewed.getJSONObjectClaim("kubernetes.io").get("pod"))
        .isEqualTo(k8s.get("pod"));

    // A restarted agent adopts the container: execs still see the files, renewals go on.
    String before = exec("cat", MOUNT + "/token");
    agent.destroy();
    agent.waitFor();
    agent = bed.startInNode(1, agentCommand, tmp.resolve("agent1-restarted.log"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> !exec("cat", MOUNT + "/token").equals(before));
    assertThat(exec("cat", MOUNT + "/namespace")).isEqualTo("team");
    assertThat(client.pods().inNamespace("team").withName("reader").get().getStatus()
        .getContainerStatuses().get(0).getRestartCount()).isZero();

    // Only the pod's own mount namespaces had the bind mount; the node's has none.
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(MOUNT);
    assertThat(Files.readString(Path.of("/proc/1/mountinfo"))).doesNotContain(MOUNT);

    Path dir = tmp.resolve("node1/pods/" + pod.getMetadata().getUid()
        + "/volumes/kubernetes.io~projected/" + volume);
    assertThat(Files.readString(dir.resolve("namespace"))).isEqualTo("team");
    client.pods().inNamespace("team").withName("reader").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(dir));
  }

  /** Without a pod namespace (and so no mount namespace from ip netns exec) as well. */
  @Test
  void aHostNetworkPodSeesItsFilesInAMountNamespaceOfItsOwn() throws Exception {
    Pod pod = client.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata()
        .withName("hostnet").endMetadata().withNewSpec().withHostNetwork(true)
        .withTerminationGracePeriodSeconds(1L).addNewContainer().withName("main")
        .withImage("busybox").withCommand("sleep", "3600").endContainer().endSpec().build())
        .create();
    AgentTestCluster.bind(client, pod, "node1");
    await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(execIn("hostnet", "cat", MOUNT + "/namespace")).isEqualTo("team"));
    assertThat(verified(execIn("hostnet", "cat", MOUNT + "/token")).getSubject())
        .isEqualTo("system:serviceaccount:team:default");
    assertThat(Files.readString(Path.of("/proc/1/mountinfo"))).doesNotContain(MOUNT);
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(MOUNT);
    client.pods().inNamespace("team").withName("hostnet").delete();
  }

  static String exec(String... command) {
    return execIn("reader", command);
  }

  static String execIn(String pod, String... command) {
    List<String> args = new ArrayList<>(List.of("-n", "team", "exec", pod, "--"));
    args.addAll(List.of(command));
    return kubectl.run(args.toArray(String[]::new)).assertOk().out().strip();
  }
}

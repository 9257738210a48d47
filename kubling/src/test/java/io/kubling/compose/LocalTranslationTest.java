package io.kubling.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.compose.LocalTranslation.Launch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local-process rules applied to the real compose.yaml and Dockerfile, with fixed ports. */
class LocalTranslationTest {
  static final Path WORK = Path.of("/tmp/w");

  static final Map<String, Integer> PORTS = new LinkedHashMap<>();

  static LocalTranslation translation() {
    ComposeFile compose = ComposeFile.load();
    int next = 40000;
    for (String sp : LocalTranslation.listenPorts(compose)) {
      PORTS.put(sp, next++);
    }
    var layout = new LocalTranslation.Layout(PORTS, WORK, "/jdk/bin/java", "CP", "io.x.Main",
        "kt-cmp1-p-", i -> "10.250.0." + i);
    return new LocalTranslation(compose,
        Dockerfile.load(ComposeFile.repoRoot().resolve("Dockerfile")), layout);
  }

  /** The local port the layout gave "service:port"; failing on one it does not have. */
  static int port(LocalTranslation t, String servicePort) {
    return java.util.Objects.requireNonNull(PORTS.get(servicePort), servicePort);
  }

  @Test
  void etcdRunsFromPathOnLoopbackWithItsVolumesInTheWorkDir() {
    LocalTranslation t = translation();
    Launch etcd = t.launch("etcd");
    int client = port(t, "etcd:2379");
    int peer = port(t, "etcd:2380");
    assertThat(etcd.argv()).containsExactly("etcd");
    assertThat(etcd.env()).containsEntry("ETCD_DATA_DIR", "/tmp/w/etcd-data")
        .containsEntry("ETCD_LISTEN_CLIENT_URLS", "https://127.0.0.1:" + client)
        .containsEntry("ETCD_ADVERTISE_CLIENT_URLS", "https://127.0.0.1:" + client)
        .containsEntry("ETCD_INITIAL_CLUSTER", "etcd=https://127.0.0.1:" + peer)
        .containsEntry("ETCD_TRUSTED_CA_FILE", "/tmp/w/kubling-pki/pki/etcd/ca.crt")
        .containsEntry("ETCD_NAME", "etcd");
    assertThat(t.healthcheck("etcd")).containsExactly("etcdctl",
        "--endpoints=https://127.0.0.1:" + client, "--cacert=/tmp/w/kubling-pki/pki/etcd/ca.crt",
        "--cert=/tmp/w/kubling-pki/pki/etcd/server.crt",
        "--key=/tmp/w/kubling-pki/pki/etcd/server.key", "endpoint", "health");
    assertThat(etcd.node()).isZero();
  }

  @Test
  void theOneShotWritesIntoTheVolumeEveryServiceMountsWithServicesAtTheirLocalPorts() {
    LocalTranslation t = translation();
    Launch pki = t.launch("pki");
    int apiPort = port(t, "apiserver:6443");
    assertThat(pki.argv()).containsSequence("certs", "generate", "--data-dir=/tmp/w/kubling-pki")
        .contains("--server=https://127.0.0.1:" + apiPort,
            "--admin-kubeconfig=/tmp/w/deploy/compose-kubeconfig",
            // the host's published port: the test maps it with hostView
            "--admin-server=https://127.0.0.1:6443",
            // a name, not service:port, so kept: the certificate still names it
            "--apiserver-cert-extra-sans=apiserver");
    assertThat(t.hostPath("scheduler-1", "/etc/kubling/scheduler.conf"))
        .isEqualTo(Path.of("/tmp/w/kubling-pki/scheduler.conf"));
    assertThat(t.hostPath("pki", "/etc/kubling/scheduler.conf"))
        .isEqualTo(t.hostPath("scheduler-1", "/etc/kubling/scheduler.conf"));
  }

  @Test
  void kublingServicesRunTheEntrypointWithTheModulesClasspath() {
    LocalTranslation t = translation();
    Launch api = t.launch("apiserver");
    int apiPort = port(t, "apiserver:6443");
    assertThat(api.argv()).containsExactly("/jdk/bin/java", "-cp", "CP", "io.x.Main",
        "apiserver");
    assertThat(api.env()).containsEntry("KUBLING_PORT", String.valueOf(apiPort))
        .containsEntry("KUBLING_BIND_ADDRESS", "127.0.0.1")
        .containsEntry("KUBLING_ETCD_SERVERS", "https://127.0.0.1:" + port(t, "etcd:2379"))
        .containsEntry("KUBLING_TLS_CERT_FILE", "/tmp/w/kubling-pki/pki/apiserver.crt");
    assertThat(t.healthcheck("apiserver")).containsExactly("curl", "-fsS", "--cacert",
        "/tmp/w/kubling-pki/pki/ca.crt", "https://127.0.0.1:" + apiPort + "/readyz");

    // Two replicas of one service definition get two ports: no clash on the host.
    Launch s1 = t.launch("scheduler-1");
    Launch s2 = t.launch("scheduler-2");
    assertThat(s1.env().get("KUBLING_HEALTHZ_PORT"))
        .isEqualTo(String.valueOf(port(t, "scheduler-1:10259")))
        .isNotEqualTo(s2.env().get("KUBLING_HEALTHZ_PORT"));
    assertThat(s1.env()).containsEntry("KUBLING_KUBECONFIG", "/tmp/w/kubling-pki/scheduler.conf");
  }

  @Test
  void nodesRunInNodeNamespacesAndReachTheApiServerThroughTheRelay() {
    LocalTranslation t = translation();
    assertThat(t.nodes()).containsExactly("node-1", "node-2");
    Launch n2 = t.launch("node-2");
    assertThat(n2.node()).isEqualTo(2);
    // It names no service (its kubeconfig does): the one it depends on that listens.
    assertThat(n2.relayTo()).isEqualTo("apiserver:6443");
    assertThat(n2.env()).containsEntry("KUBLING_KUBECONFIG",
        "/tmp/w/kubling-pki/nodes/node-2.conf");
    assertThat(n2.argv()).contains("agent", "--node-name=node-2", "--node-ip=10.250.0.2",
        "--data-dir=/tmp/w/node-2-tmpfs-var-lib-kubling-agent",
        "--api-socket=/tmp/w/apiserver-6443.sock", "--pod-netns-prefix=kt-cmp1-p-");
  }

  @Test
  void theIngressControllerRunsInNode1sNamespaceAndReachesTheApiServerThroughTheRelay() {
    LocalTranslation t = translation();
    assertThat(t.nodes()).as("sharing a node's namespace does not make it a node")
        .containsExactly("node-1", "node-2");
    Launch ingress = t.launch("ingress-controller");
    assertThat(ingress.node()).isEqualTo(1);
    // node-1, which it depends on and which publishes its ports, is where it is, not what
    // it reaches.
    assertThat(ingress.relayTo()).isEqualTo("apiserver:6443");
    assertThat(ingress.argv()).containsSequence("ingress-controller",
        "--api-socket=/tmp/w/apiserver-6443.sock").noneMatch(a -> a.startsWith("--pod-netns"));
    // Its ports are node-1's in node-1's namespace, and its address node-1's.
    assertThat(ingress.env()).containsEntry("KUBLING_HTTP_PORT", "80")
        .containsEntry("KUBLING_HTTPS_PORT", "443")
        .containsEntry("KUBLING_PUBLISH_ADDRESS", "10.250.0.1")
        .containsEntry("KUBLING_KUBECONFIG", "/tmp/w/kubling-pki/ingress-controller.conf");
  }

  @Test
  void theKubeconfigsPublishedPortBecomesTheLocalOne() {
    LocalTranslation t = translation();
    assertThat(t.hostView("server: https://127.0.0.1:6443\n"))
        .isEqualTo("server: https://127.0.0.1:" + port(t, "apiserver:6443") + "\n");
  }

  @Test
  void aNodeThatReachesNoServiceIsRefusedRatherThanLeftWithoutAnApiServer() {
    ComposeFile changed = ComposeFile.load();
    Map<String, Object> node1 = ComposeFile.map(ComposeFile.map(changed.root.get("services"))
        .get("node-1"));
    node1.put("environment", Map.of("KUBLING_MASTER", "https://somewhere:1"));
    node1.put("depends_on", List.of("pki")); // and no dependency that listens either
    Map<String, Integer> ports = new LinkedHashMap<>();
    LocalTranslation.listenPorts(changed).forEach(sp -> ports.put(sp, 1));
    var layout = new LocalTranslation.Layout(ports, WORK, "java", "CP", "M", "p-",
        i -> "10.250.0." + i);
    LocalTranslation t = new LocalTranslation(changed,
        Dockerfile.load(ComposeFile.repoRoot().resolve("Dockerfile")), layout);
    assertThatThrownBy(() -> t.launch("node-1")).hasMessageContaining("exactly one service");
  }

  @Test
  void servicesStartAfterWhatTheyDependOn() {
    List<String> order = LocalCluster.startOrder(ComposeFile.load());
    assertThat(order).startsWith("pki", "etcd", "apiserver").hasSize(ComposeFile.load().services().size());
  }
}

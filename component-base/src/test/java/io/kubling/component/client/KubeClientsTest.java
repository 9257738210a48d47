package io.kubling.component.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClient;
import io.kubling.component.TestCluster;
import io.kubling.component.config.ComponentOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients built every way a component can ask for one, against the real API server. */
class KubeClientsTest {
  private static TestCluster cluster;
  private static final ClientSettings SETTINGS = ClientSettings.defaults("kube-clients-test")
      .withRequestTimeout(Duration.ofSeconds(5));

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    cluster = new TestCluster();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void forMasterTalksToTheApiServerOverVertx5() {
    try (KubernetesClient client = KubeClients.forMaster(cluster.url(), SETTINGS)) {
      assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
          .contains("default", "kube-system");
      assertThat(client.getHttpClient()).isInstanceOf(Vertx5HttpClient.class);
      assertThat(client.getConfiguration().getRequestTimeout()).isEqualTo(5_000);
      assertThat(client.getConfiguration().getUserAgent()).isEqualTo("kubling/kube-clients-test");
    }
  }

  @Test
  void fromKubeconfigUsesItsCurrentContext() throws IOException {
    Path kubeconfig = kubeconfig(cluster.url());
    try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig, SETTINGS)) {
      Namespace ns = client.namespaces().withName("kube-system").get();
      assertThat(ns).isNotNull();
    }
  }

  @Test
  void masterOverridesTheKubeconfigServer() throws IOException {
    // Port 1 on loopback: nothing listens there, so only the override can make this work.
    Path kubeconfig = kubeconfig("http://127.0.0.1:1");
    ComponentOptions options = new ComponentOptions(kubeconfig.toString(), cluster.url(),
        ComponentOptions.defaults("test", 0).leaderElection(), "127.0.0.1", 0);
    try (KubernetesClient client = KubeClients.create(options, SETTINGS)) {
      assertThat(client.namespaces().withName("default").get()).isNotNull();
    }
  }

  @Test
  void aMissingKubeconfigOrABadUrlIsRefusedByName() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> KubeClients.fromKubeconfig(missing, SETTINGS))
        .hasMessage("kubeconfig " + missing + " does not exist or is not readable");
    assertThatThrownBy(() -> KubeClients.forMaster("ftp://127.0.0.1:6443", SETTINGS))
        .hasMessageContaining("API server URL must be http(s)://host:port");
  }

  private Path kubeconfig(String server) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubling
          cluster:
            server: %s
        users:
        - name: admin
          user: {}
        contexts:
        - name: kubling
          context:
            cluster: kubling
            user: admin
        current-context: kubling
        """.formatted(server));
    return file;
  }
}

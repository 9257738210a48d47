package io.kubling.compose;

import static io.kubling.compose.ComposeFile.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kubling.compose.ComposeFile.Service;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml is a valid Compose file (the Compose Specification's own JSON schema, vendored
 * in test resources) and has the shape the README promises; each assertion fails when
 * someone drops the part it names.
 */
class ComposeSchemaTest {
  static final ComposeFile compose = ComposeFile.load();
  static final ObjectMapper json = new ObjectMapper();

  /**
   * Loaded from the classpath, so that its relative $id has a base; draft 7 is the dialect
   * it declares, and nothing is fetched from the network.
   */
  static Schema composeSpec() {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
  }

  static List<Error> validate(Map<String, Object> document) throws Exception {
    return composeSpec().validate(json.valueToTree(document));
  }

  @Test
  void composeFileIsValidAgainstTheComposeSpecification() throws Exception {
    assertThat(validate(compose.root)).isEmpty();
  }

  @Test
  void theSchemaCheckRefusesAnInvalidFile() throws Exception {
    // The same file with one service misspelling a key: proves the validator really applies
    // the schema rather than passing everything.
    Map<String, Object> bad = json.convertValue(json.valueToTree(compose.root), Map.class);
    ComposeFile.map(ComposeFile.map(bad.get("services")).get("apiserver")).put("helthcheck",
        Map.of("test", List.of("CMD", "true")));
    assertThat(validate(bad)).extracting(Error::getMessage)
        .anyMatch(m -> m.contains("helthcheck"));
  }

  /** Where the pki service's volume is mounted: kubeadm's /etc/kubernetes. */
  static final String PKI_MOUNT = "/etc/kubling";

  @Test
  void aOneShotPkiServiceMakesTheCertificatesAndKubeconfigsIntoASharedVolume() {
    Service pki = compose.service("pki");
    assertThat(pki.hasBuild()).isTrue();
    assertThat(pki.restart()).as("runs once").isEqualTo("no");
    assertThat(pki.command()).startsWith("certs", "generate")
        .contains("--data-dir=" + PKI_MOUNT, "--apiserver-cert-extra-sans=apiserver",
            "--etcd-cert-extra-sans=etcd", "--server=https://apiserver:6443",
            "--admin-kubeconfig=/deploy/compose-kubeconfig",
            "--admin-server=https://127.0.0.1:6443")
        .contains("--node=" + String.join(",", servicesRunning("agent").stream()
            .map(Service::name).toList()));
    assertThat(pki.mounts()).containsEntry(PKI_MOUNT, "kubling-pki")
        .containsEntry("/deploy", "./deploy");
    assertThat(compose.volumes()).containsKey("kubling-pki");
    for (Service s : compose.services().values()) {
      if (s.name().equals("pki")) {
        continue;
      }
      assertThat(s.dependsOn()).as(s.name())
          .containsEntry("pki", "service_completed_successfully");
      assertThat(s.mounts()).as(s.name()).containsEntry(PKI_MOUNT, "kubling-pki");
      assertThat(strings(s.body().get("volumes"))).as(s.name() + " mounts it read-only")
          .contains("kubling-pki:" + PKI_MOUNT + ":ro");
      assertThat(s.environment()).as(s.name()).doesNotContainKey("KUBLING_MASTER");
    }
  }

  @Test
  void etcdIsTheOfficialImageServingTlsToClientsWithCertificatesOnly() {
    Service etcd = compose.service("etcd");
    assertThat(String.valueOf(etcd.body().get("image")))
        .matches("(gcr\\.io/etcd-development/etcd|quay\\.io/coreos/etcd):v3\\.5\\.\\d+");
    assertThat(etcd.ports()).extracting(ComposeFile.Port::container).contains(2379, 2380);
    assertThat(etcd.mounts()).containsValue("etcd-data");
    assertThat(compose.volumes()).containsKey("etcd-data");
    assertThat(etcd.environment())
        .containsEntry("ETCD_LISTEN_CLIENT_URLS", "https://0.0.0.0:2379")
        .containsEntry("ETCD_ADVERTISE_CLIENT_URLS", "https://etcd:2379")
        .containsEntry("ETCD_CLIENT_CERT_AUTH", "true")
        .containsEntry("ETCD_TRUSTED_CA_FILE", PKI_MOUNT + "/pki/etcd/ca.crt")
        .containsEntry("ETCD_CERT_FILE", PKI_MOUNT + "/pki/etcd/server.crt")
        .containsEntry("ETCD_PEER_CLIENT_CERT_AUTH", "true");
    assertThat(etcd.environment().values()).noneMatch(v -> v.startsWith("http://"));
    assertThat(etcd.healthcheckCommand()).contains("etcdctl", "endpoint", "health",
        "--endpoints=https://localhost:2379");
  }

  @Test
  void apiServerServesHttpsOnPort6443WithClientCertificatesAndRbac() {
    Service api = compose.service("apiserver");
    assertThat(api.command()).containsExactly("apiserver");
    assertThat(api.ports()).contains(new ComposeFile.Port("127.0.0.1", 6443, 6443));
    assertThat(String.join(" ", api.healthcheckCommand()))
        .contains("--cacert " + PKI_MOUNT + "/pki/ca.crt https://localhost:6443/readyz");
    assertThat(api.dependsOn()).containsEntry("etcd", "service_healthy");
    assertThat(api.environment()).containsEntry("KUBLING_ETCD_SERVERS", "https://etcd:2379")
        .containsEntry("KUBLING_ETCD_CERTFILE", PKI_MOUNT + "/pki/apiserver-etcd-client.crt")
        .containsEntry("KUBLING_TLS_CERT_FILE", PKI_MOUNT + "/pki/apiserver.crt")
        .containsEntry("KUBLING_CLIENT_CA_FILE", PKI_MOUNT + "/pki/ca.crt")
        .containsEntry("KUBLING_SERVICE_ACCOUNT_SIGNING_KEY_FILE", PKI_MOUNT + "/pki/sa.key")
        .containsEntry("KUBLING_AUTHORIZATION_MODE", "Node,RBAC");
  }

  @Test
  void twoSchedulersAndTwoControllerManagersLetLeaderElectionDecide() {
    for (String command : List.of("scheduler", "controller-manager")) {
      List<Service> replicas = servicesRunning(command);
      assertThat(replicas).as(command).hasSize(2);
      for (Service s : replicas) {
        String port = s.environment().get("KUBLING_HEALTHZ_PORT");
        assertThat(s.environment()).containsEntry("KUBLING_LEADER_ELECT", "true")
            .containsEntry("KUBLING_KUBECONFIG", PKI_MOUNT + "/" + (command.equals("scheduler")
                ? "scheduler.conf" : "controller-manager.conf"));
        assertThat(String.join(" ", s.healthcheckCommand()))
            .contains("localhost:" + port + "/healthz");
        assertThat(s.dependsOn()).containsEntry("apiserver", "service_healthy");
      }
    }
  }

  @Test
  void twoNodeAgentsArePrivilegedWithNetAdminAndFixedAddresses() {
    List<Service> nodes = servicesRunning("agent");
    assertThat(nodes).hasSize(2);
    for (Service n : nodes) {
      assertThat(n.privileged()).as(n.name()).isTrue();
      assertThat(n.capAdd()).as(n.name()).contains("NET_ADMIN");
      assertThat(n.ipv4Addresses()).hasSize(1);
      assertThat(n.command()).contains("--node-ip=" + n.ipv4Addresses().get(0));
      assertThat(n.environment()).containsEntry("KUBLING_KUBECONFIG",
          PKI_MOUNT + "/nodes/" + n.name() + ".conf");
      assertThat(String.join(" ", n.healthcheckCommand()))
          .contains("--cert " + PKI_MOUNT + "/pki/nodes/" + n.name() + ".crt")
          .contains("https://apiserver:6443/api/v1/nodes/" + n.name());
      assertThat(n.dependsOn()).containsEntry("apiserver", "service_healthy");
    }
    assertThat(nodes.get(0).ipv4Addresses()).doesNotContainAnyElementsOf(
        nodes.get(1).ipv4Addresses());
  }

  @Test
  void theIngressControllerSharesNode1sNetworkNamespaceWhichPublishesItsPorts() {
    List<Service> ingress = servicesRunning("ingress-controller");
    assertThat(ingress).hasSize(1);
    Service s = ingress.get(0);
    assertThat(s.networkModeService()).isEqualTo("node-1");
    Service node = compose.service("node-1");
    assertThat(node.ports()).contains(new ComposeFile.Port("127.0.0.1", 8080, 80),
        new ComposeFile.Port("127.0.0.1", 8443, 443));
    assertThat(s.environment())
        .containsEntry("KUBLING_KUBECONFIG", PKI_MOUNT + "/ingress-controller.conf")
        .containsEntry("KUBLING_HTTP_PORT", "80").containsEntry("KUBLING_HTTPS_PORT", "443")
        .containsEntry("KUBLING_PUBLISH_ADDRESS", node.ipv4Addresses().get(0));
    assertThat(String.join(" ", s.healthcheckCommand()))
        .contains("localhost:" + s.environment().get("KUBLING_HEALTHZ_PORT") + "/healthz");
    assertThat(s.dependsOn()).containsEntry("apiserver", "service_healthy")
        .containsEntry("node-1", "service_started");
  }

  @Test
  void everyKublingServiceIsBuiltFromTheOneDockerfile() {
    List<Service> built = compose.services().values().stream().filter(Service::hasBuild)
        .toList();
    assertThat(built).hasSize(compose.services().size() - 1);
    for (Service s : built) {
      Map<String, Object> build = ComposeFile.map(s.body().get("build"));
      assertThat(build).as(s.name()).containsEntry("context", ".")
          .containsEntry("dockerfile", "Dockerfile");
      assertThat(s.body()).containsEntry("image", "kubling:local");
    }
  }

  @Test
  void dockerfileBuildsWithMavenAndShipsTheJarWithWhatTheAgentDrives() {
    Dockerfile d = Dockerfile.load(ComposeFile.repoRoot().resolve("Dockerfile"));
    assertThat(d.stages()).hasSize(2);
    assertThat(d.stages().get(0)).startsWith("maven:").endsWith(" AS build");
    assertThat(d.runs().get(0)).isEqualTo("mvn -B -DskipTests package");
    assertThat(d.runtimeInstall()).contains("openjdk-17-jre-headless", "iproute2",
        "containernetworking-plugins", "iptables", "nftables", "conntrack", "curl");
    assertThat(d.entrypoint()).containsExactly("java", "-jar", "/opt/kubling/kubling.jar");
    assertThat(d.copiedFromBuild()).containsEntry("/opt/kubling/kubling.jar",
        "/src/kubling/target/kubling.jar");
  }

  @Test
  void theReadmesKubeconfigIsWrittenByThePkiServiceForThePublishedApiServerPort()
      throws Exception {
    ComposeFile.Port published = compose.service("apiserver").ports().get(0);
    assertThat(compose.service("pki").command()).contains("--admin-server=https://"
        + published.hostIp() + ":" + published.host());
    String ignored = Files.readString(ComposeFile.repoRoot().resolve(".gitignore"));
    assertThat(ignored).as("a kubeconfig with a key is never committed")
        .contains("/deploy/compose-kubeconfig");
    assertThat(ComposeFile.repoRoot().resolve("deploy")).as("the dir it is written into")
        .isDirectory();
    assertThat(Files.readString(ComposeFile.repoRoot().resolve("README.md")))
        .contains("deploy/compose-kubeconfig").contains("docker compose up");
  }

  static List<Service> servicesRunning(String command) {
    return compose.services().values().stream()
        .filter(s -> !s.command().isEmpty() && s.command().get(0).equals(command)).toList();
  }
}

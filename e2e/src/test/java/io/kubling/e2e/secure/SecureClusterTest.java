package io.kubling.e2e.secure;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secure bootstrap itself, when the switch is on: etcd lets in only the
 * API server's etcd client certificate, the API server answers every identity as who it is
 * (admin everything, a node only its own Node), and anonymous only the health endpoints.
 */
class SecureClusterTest {
  static SecureCluster cluster;

  @BeforeAll
  static void start() {
    // The secure setup is behind the suites' one switch; with it off nothing here applies.
    org.junit.jupiter.api.Assumptions.assumeTrue(SecureCluster.SECURE,
        "the e2e suites run without security (-Dkubling.e2e.secure=true turns it on)");
    require(Files.isExecutable(Path.of("/usr/bin/etcdctl")), "needs etcdctl");
    require(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl");
    cluster = SecureCluster.start("secure-e2e");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void etcdLetsInOnlyTheApiServersEtcdClientCertificate() throws Exception {
    TestPki pki = cluster.pki();
    List<String> base = List.of("etcdctl", "--endpoints", cluster.etcd().clientEndpoint(),
        "--cacert", pki.etcdCa().toString(), "--dial-timeout", "2s", "--command-timeout", "2s");
    assertThat(cluster.etcd().clientEndpoint()).startsWith("https://127.0.0.1:");
    // The API server's own client certificate reads what the API server wrote.
    assertThat(run(concat(base, "--cert", pki.apiserverEtcdClientCrt().toString(), "--key",
        pki.apiserverEtcdClientKey().toString(), "get", "/registry/namespaces/default",
        "--keys-only"))).isEqualTo("0 /registry/namespaces/default");
    // No certificate, or one from the cluster CA instead of etcd's: refused.
    assertThat(run(concat(base, "get", "/registry/namespaces/default"))).doesNotStartWith("0");
    assertThat(run(concat(base, "--cert", pki.crt(Identity.ADMIN).toString(), "--key",
        pki.key(Identity.ADMIN).toString(), "get", "/registry/namespaces/default")))
        .doesNotStartWith("0");
  }

  @Test
  void eachIdentityIsWhoItsCertificateSays() {
    assertThat(cluster.url()).startsWith("https://127.0.0.1:");
    // The admin (system:masters) may do anything.
    var admin = cluster.admin();
    admin.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
        .build()).create();
    admin.nodes().resource(new NodeBuilder().withNewMetadata().withName("n2").endMetadata()
        .build()).create();
    // A node reads and labels its own Node, and is forbidden another's.
    var n1 = cluster.client(Identity.node("n1"));
    assertThat(n1.nodes().withName("n1").get()).isNotNull();
    n1.nodes().withName("n1").edit(n -> new NodeBuilder(n).editMetadata()
        .addToLabels("seen", "yes").endMetadata().build());
    assertThatThrownBy(() -> n1.nodes().withName("n2").edit(n -> new NodeBuilder(n)
        .editMetadata().addToLabels("seen", "yes").endMetadata().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(403));
    // The scheduler may not touch secrets.
    assertThatThrownBy(() -> cluster.client(Identity.SCHEDULER).secrets().inNamespace("default")
        .list()).isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void anonymousReachesOnlyTheHealthEndpoints() throws Exception {
    assertThat(curl("/healthz")).isEqualTo("200");
    assertThat(curl("/version")).isEqualTo("200");
    assertThat(curl("/api/v1/namespaces")).isIn("401", "403");
    // Plain HTTP gets no API.
    assertThat(run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        "--max-time", "5", cluster.url().replace("https://", "http://") + "/api")))
        .doesNotEndWith("200");
  }

  private static String curl(String path) throws Exception {
    return run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
        "--cacert", cluster.pki().caCrt().toString(), cluster.url() + path))
        .replaceFirst("^0 ", "");
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  /** "exit stdout", stripped. */
  private static String run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(Map.of("ETCDCTL_API", "3"));
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish: " + cmd);
    }
    return (p.exitValue() + " " + new String(p.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8)).strip();
  }
}

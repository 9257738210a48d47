package io.kubling.cli.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.StorageSecurity;
import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiOptions;
import io.kubling.testkit.FreePorts;
import io.kubling.testkit.Requirements;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd as kubeadm runs it, with the certificates {@code kubling certs generate} made: TLS,
 * client-cert auth, and the API server as its client.
 */
class EtcdTlsTest {
  @TempDir
  Path tmp;

  private record Run(int code, String out) {}

  private static Run etcdctl(String endpoint, Path pki, String cert, String... args)
      throws Exception {
    Requirements.require(Files.isExecutable(Path.of("/usr/bin/etcdctl")), "etcdctl");
    List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints", endpoint,
        "--dial-timeout", "3s", "--command-timeout", "5s",
        "--cacert", pki.resolve("etcd/ca.crt").toString()));
    if (cert != null) {
      cmd.addAll(List.of("--cert", pki.resolve(cert + ".crt").toString(),
          "--key", pki.resolve(cert + ".key").toString()));
    }
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("ETCDCTL_API", "3");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void commandCarriesKubeadmsTlsFlags() {
    EtcdConfig c = new EtcdConfig(Path.of("/usr/bin/etcd"), Path.of("/d/etcd"),
        Path.of("/d/etcd.log"), 2379, 2380, EtcdTls.fromPki(Path.of("/d/pki")));
    assertThat(c.clientUrl()).isEqualTo("https://127.0.0.1:2379");
    assertThat(String.join(" ", c.command()))
        .contains("--listen-client-urls https://127.0.0.1:2379")
        .contains("--initial-cluster kubling=https://127.0.0.1:2380")
        .contains("--cert-file /d/pki/etcd/server.crt --key-file /d/pki/etcd/server.key"
            + " --client-cert-auth --trusted-ca-file /d/pki/etcd/ca.crt"
            + " --peer-cert-file /d/pki/etcd/peer.crt --peer-key-file /d/pki/etcd/peer.key"
            + " --peer-client-cert-auth --peer-trusted-ca-file /d/pki/etcd/ca.crt");
    // Without TLS the command is what it always was.
    assertThat(String.join(" ", new EtcdConfig(Path.of("/usr/bin/etcd"), Path.of("/d/etcd"),
        Path.of("/d/etcd.log"), 2379, 2380).command())).doesNotContain("cert")
        .contains("http://127.0.0.1:2379");
  }

  @Test
  void etcdWantsAnEtcdCaClientCertAndTheApiServerHasOne() throws Exception {
    Path pki = tmp.resolve("data/pki");
    new ClusterPki(new PkiOptions(tmp.resolve("data"), "10.96.0.0/12", List.of(), List.of()))
        .generate();
    Path binary = EtcdBinary.onPath(System.getenv("PATH"))
        .orElseThrow(() -> new AssertionError(EtcdBinary.NOT_FOUND));
    EtcdConfig config = new EtcdConfig(binary, tmp.resolve("etcd"), tmp.resolve("etcd.log"),
        FreePorts.next(), FreePorts.next(), EtcdTls.fromPki(pki));
    List<String> events = new CopyOnWriteArrayList<>();
    try (EtcdSupervisor etcd = new EtcdSupervisor(config, events::add)) {
      etcd.start();
      String endpoint = etcd.clientUrl();
      assertThat(endpoint).startsWith("https://127.0.0.1:");

      // No client certificate, or one from the cluster CA rather than the etcd CA: refused.
      Run anonymous = etcdctl(endpoint, pki, null, "get", "/registry/", "--prefix");
      assertThat(anonymous.code()).as(anonymous.out()).isNotZero();
      Run wrongCa = etcdctl(endpoint, pki, "admin", "get", "/registry/", "--prefix");
      assertThat(wrongCa.code()).as(wrongCa.out()).isNotZero();

      // The API server over TLS with its etcd client certificate.
      ApiServerOptions options = ApiServerOptions.defaults(List.of(endpoint)).withPort(0)
          .withStorageSecurity(StorageSecurity.NONE.withEtcdTls(pki.resolve("etcd/ca.crt"),
              pki.resolve("apiserver-etcd-client.crt"), pki.resolve("apiserver-etcd-client.key")));
      try (ApiServer api = new ApiServer(options).start().get(60, TimeUnit.SECONDS)) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api.url()
                + "/api/v1/namespaces/default/configmaps"))
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"metadata\":{\"name\":\"over-tls\"},\"data\":{\"k\":\"v\"}}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(api.url()
                + "/api/v1/namespaces/default/configmaps/over-tls"))
            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"k\":\"v\"");
      }

      // The study notes' snapshot, with the certificates kubling generated.
      Path snap = tmp.resolve("x.db");
      Run save = etcdctl(endpoint, pki, "apiserver-etcd-client", "snapshot", "save",
          snap.toString());
      assertThat(save.code()).as(save.out()).isZero();
      assertThat(snap).isNotEmptyFile();
      Run get = etcdctl(endpoint, pki, "apiserver-etcd-client", "get",
          "/registry/configmaps/default/over-tls", "--print-value-only");
      assertThat(get.out()).contains("over-tls");
    }
  }
}

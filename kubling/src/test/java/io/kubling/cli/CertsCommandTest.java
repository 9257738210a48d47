package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kubling certs} as a user runs it: generate, check-expiration, renew. */
class CertsCommandTest {
  @TempDir
  Path dataDir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine(Map.<String, String>of()::get);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return new Result(cmd.execute(args), out.toString(), err.toString());
  }

  @Test
  void generateThenCheckExpirationThenRenew() {
    String dir = dataDir.toString();
    Result none = run("certs", "check-expiration", "--data-dir", dir);
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: no certificates in");

    Result gen = run("certs", "generate", "--data-dir", dir, "--node", "worker-1,worker-2",
        "--apiserver-cert-extra-sans", "10.0.0.5");
    assertThat(gen.code()).as(gen.err()).isZero();
    assertThat(gen.out()).startsWith("certs: made ca, etcd-ca, apiserver,")
        .contains("node-worker-1, node-worker-2");
    assertThat(dataDir.resolve("pki/nodes/worker-2.crt")).exists();
    assertThat(run("certs", "generate", "--data-dir", dir).out())
        .contains("nothing to do");

    Result table = run("certs", "check-expiration", "--data-dir", dir);
    assertThat(table.code()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow())
        .matches("CERTIFICATE +EXPIRES +RESIDUAL TIME +CERTIFICATE AUTHORITY");
    assertThat(table.out()).containsPattern("\napiserver +\\w{3} \\d\\d, \\d{4} \\d\\d:\\d\\d UTC"
            + " +36[45]d +ca\n")
        .containsPattern("\netcd-server .* etcd-ca\n")
        .containsPattern("\nnode-worker-2 .* ca\n")
        .containsPattern("\nCERTIFICATE AUTHORITY +EXPIRES +RESIDUAL TIME\n")
        .containsPattern("\nca +.* (9|10)y\n");

    Result renew = run("certs", "renew", "all", "--data-dir", dir);
    assertThat(renew.code()).isZero();
    assertThat(renew.out()).startsWith("certs: renewed apiserver, apiserver-etcd-client,");
    Result bad = run("certs", "renew", "nope", "--data-dir", dir);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: unknown certificate: nope");
  }

  @Test
  void userNeedsTheClusterCaAndAKubeconfigAndSaysSoInOneLine() {
    String dir = dataDir.toString();
    Result noCa = run("certs", "user", "dev-user", "--data-dir", dir);
    assertThat(noCa.code()).isEqualTo(1);
    assertThat(noCa.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: no cluster CA in ");
    assertThat(run("certs", "generate", "--data-dir", dir).code()).isZero();
    Result noKubeconfig = run("certs", "user", "dev-user", "--data-dir", dir);
    assertThat(noKubeconfig.code()).isEqualTo(1);
    assertThat(noKubeconfig.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: no kubeconfig at " + dataDir.resolve("kubeconfig"));
    assertThat(dataDir.resolve("pki/users")).doesNotExist();
    Result bad = run("certs", "user", "no spaces", "--data-dir", dir);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().strip()).isEqualTo("certs: invalid user name: no spaces");
  }

  @Test
  void generateWithServerWritesEachIdentitysKubeconfigAsComposeUsesIt() throws Exception {
    String dir = dataDir.toString();
    Path host = dataDir.resolve("host/compose-kubeconfig");
    String[] compose = {"certs", "generate", "--data-dir", dir, "--node", "node-1",
        "--apiserver-cert-extra-sans", "apiserver", "--etcd-cert-extra-sans", "etcd",
        "--server", "https://apiserver:6443", "--admin-kubeconfig", host.toString(),
        "--admin-server", "https://127.0.0.1:6443"};
    Result gen = run(compose);
    assertThat(gen.code()).as(gen.err()).isZero();
    Map<String, String> users = Map.of("admin.conf", "kubernetes-admin",
        "scheduler.conf", "system:kube-scheduler",
        "controller-manager.conf", "system:kube-controller-manager",
        "ingress-controller.conf", "system:kubling-ingress-controller",
        "nodes/node-1.conf", "system:node:node-1");
    for (var e : users.entrySet()) {
      Path file = dataDir.resolve(e.getKey());
      assertThat(gen.out()).contains("certs: wrote " + file);
      var config = new com.fasterxml.jackson.databind.ObjectMapper(
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(file.toFile());
      assertThat(config.at("/clusters/0/cluster/server").asText())
          .isEqualTo("https://apiserver:6443");
      assertThat(config.at("/users/0/name").asText()).isEqualTo(e.getValue());
      var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
          .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(
              java.util.Base64.getDecoder().decode(
                  config.at("/users/0/user/client-certificate-data").asText())));
      assertThat(cert.getSubjectX500Principal().getName()).as(e.getKey())
          .contains("CN=" + e.getValue());
      assertThat(java.nio.file.Files.getPosixFilePermissions(file))
          .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
    assertThat(host).content().contains("server: https://127.0.0.1:6443")
        .contains("name: kubernetes-admin");
    assertThat(sans(dataDir.resolve("pki/etcd/server.crt"))).contains("etcd", "localhost");
    assertThat(sans(dataDir.resolve("pki/etcd/peer.crt"))).contains("etcd");
    assertThat(sans(dataDir.resolve("pki/apiserver.crt"))).contains("apiserver", "localhost");

    // A second `docker compose up` runs it again: every certificate is kept.
    byte[] ca = java.nio.file.Files.readAllBytes(dataDir.resolve("pki/ca.crt"));
    Result again = run(compose);
    assertThat(again.out()).contains("nothing to do");
    assertThat(dataDir.resolve("pki/ca.crt")).hasBinaryContent(ca);
    // etcd reached by one more name: its serving and peer certificates are signed again.
    Result renamed = run("certs", "generate", "--data-dir", dir,
        "--etcd-cert-extra-sans", "etcd,etcd.kubling.internal");
    assertThat(renamed.out()).contains("etcd-server (new SANs)", "etcd-peer (new SANs)")
        .doesNotContain("apiserver (new SANs)");
    assertThat(sans(dataDir.resolve("pki/etcd/server.crt")))
        .contains("etcd", "etcd.kubling.internal");
  }

  @Test
  void badKubeconfigFlagsAreOnePlainLineAndWriteNothing() {
    String dir = dataDir.toString();
    Result http = run("certs", "generate", "--data-dir", dir, "--server", "http://a:6443");
    assertThat(http.code()).isEqualTo(2);
    assertThat(http.err().lines()).hasSize(1).first().asString().isEqualTo(
        "Invalid value for option '--server': 'http://a:6443': want https://<host>[:<port>]");
    Result alone = run("certs", "generate", "--data-dir", dir, "--admin-kubeconfig", "k");
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err().lines()).hasSize(1).first().asString().isEqualTo(
        "Invalid value for option '--admin-kubeconfig': 'k': needs --admin-server or --server");
    assertThat(dataDir.resolve("pki")).doesNotExist();
  }

  @Test
  void theAdminKubeconfigBelongsToTheOwnerOfTheDirectoryItIsWrittenInto() throws Exception {
    // A container runs as root; the host dir mounted into it is its user's.
    io.kubling.testkit.Requirements.require("root".equals(System.getProperty("user.name")),
        "root, to write a file into a directory another user owns");
    Path host = java.nio.file.Files.createDirectories(dataDir.resolve("host"));
    var nobody = host.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody");
    java.nio.file.Files.setOwner(host, nobody);
    Result gen = run("certs", "generate", "--data-dir", dataDir.toString(),
        "--admin-kubeconfig", host.resolve("kc").toString(),
        "--admin-server", "https://127.0.0.1:6443");
    assertThat(gen.code()).as(gen.err()).isZero();
    assertThat(java.nio.file.Files.getOwner(host.resolve("kc"))).isEqualTo(nobody);
    assertThat(java.nio.file.Files.getOwner(dataDir.resolve("pki/ca.key")))
        .as("the PKI stays root's").isNotEqualTo(nobody);
  }

  private static java.util.List<String> sans(Path cert) throws Exception {
    try (var in = java.nio.file.Files.newInputStream(cert)) {
      var c = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
          .getInstance("X.509").generateCertificate(in);
      return c.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1)))
          .toList();
    }
  }
}

package io.kubling.cli.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.testkit.Requirements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class ClusterPkiTest {
  @TempDir
  Path dataDir;

  private ClusterPki pki(Clock clock) {
    return new ClusterPki(new PkiOptions(dataDir, "10.96.0.0/12",
        List.of("node1.example", "192.168.50.10"), List.of("worker-1")), clock);
  }

  private ClusterPki pki() {
    return pki(Clock.systemUTC());
  }

  /** Runs openssl (the study notes' tool) and returns its output; exit 0 asserted. */
  public static String openssl(String... args) throws Exception {
    Requirements.require(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl");
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private Map<Path, byte[]> snapshot() throws Exception {
    Map<Path, byte[]> files = new HashMap<>();
    try (Stream<Path> all = Files.walk(dataDir.resolve("pki"))) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        files.put(f, Files.readAllBytes(f));
      }
    }
    return files;
  }

  @Test
  void generatesKubeadmsLayoutWithPrivateKeysAndReusesItAfter() throws Exception {
    List<String> made = pki().generate();
    assertThat(made).containsExactly("ca", "etcd-ca", "apiserver", "apiserver-etcd-client",
        "etcd-server", "etcd-peer", "admin", "kube-controller-manager", "kube-scheduler",
        "ingress-controller", "node-worker-1", "sa");
    Path d = dataDir.resolve("pki");
    for (String f : List.of("ca", "apiserver", "apiserver-etcd-client", "admin",
        "kube-scheduler", "kube-controller-manager", "etcd/ca", "etcd/server", "etcd/peer",
        "ingress-controller", "nodes/worker-1", "sa")) {
      if (!f.equals("sa")) {
        assertThat(d.resolve(f + ".crt")).exists();
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
          d.resolve(f + ".key")))).as(f + ".key").isEqualTo("rw-------");
    }
    assertThat(d.resolve("sa.pub")).exists();
    Map<Path, byte[]> before = snapshot();
    assertThat(pki().generate()).isEmpty();
    Map<Path, byte[]> after = snapshot();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((f, bytes) -> assertThat(after.get(f)).as(f.toString()).isEqualTo(bytes));

    // A deleted certificate is made again, signed by the CA that is still there.
    Files.delete(d.resolve("kube-scheduler.crt"));
    assertThat(pki().generate()).containsExactly("kube-scheduler");
    assertThat(Files.readAllBytes(d.resolve("ca.crt"))).isEqualTo(before.get(d.resolve("ca.crt")));
  }

  @Test
  void opensslShowsTheIssuingCaAndEveryNameTheApiServerAnswersOn() throws Exception {
    pki().generate();
    Path d = dataDir.resolve("pki");
    String text = openssl("x509", "-in", d.resolve("apiserver.crt").toString(), "-text",
        "-noout");
    assertThat(text).containsPattern("Issuer: ?CN ?= ?kubernetes\\b")
        .containsPattern("Subject: ?CN ?= ?kube-apiserver")
        .contains("DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc",
            "DNS:kubernetes.default.svc.cluster.local", "DNS:localhost", "DNS:node1.example",
            "IP Address:10.96.0.1", "IP Address:127.0.0.1", "IP Address:192.168.50.10")
        .contains("TLS Web Server Authentication").contains("CA:FALSE");
    assertThat(openssl("verify", "-CAfile", d.resolve("ca.crt").toString(),
        d.resolve("apiserver.crt").toString())).contains(": OK");
    // The etcd certificates chain to the etcd CA, not the cluster CA.
    assertThat(openssl("verify", "-CAfile", d.resolve("etcd/ca.crt").toString(),
        d.resolve("etcd/server.crt").toString(), d.resolve("etcd/peer.crt").toString(),
        d.resolve("apiserver-etcd-client.crt").toString())).contains("server.crt: OK")
        .contains("peer.crt: OK").contains("apiserver-etcd-client.crt: OK");
    assertThat(openssl("x509", "-in", d.resolve("admin.crt").toString(), "-noout", "-subject"))
        .containsPattern("O ?= ?system:masters, CN ?= ?kubernetes-admin");
    assertThat(openssl("x509", "-in", d.resolve("nodes/worker-1.crt").toString(), "-noout",
        "-subject")).containsPattern("O ?= ?system:nodes, CN ?= ?system:node:worker-1");
    assertThat(openssl("x509", "-in", d.resolve("kube-scheduler.crt").toString(), "-noout",
        "-subject")).containsPattern("CN ?= ?system:kube-scheduler");
    // Keys are PKCS#8 that openssl (and etcd, Netty) read.
    assertThat(openssl("pkey", "-in", d.resolve("apiserver.key").toString(), "-noout"))
        .isEmpty();
  }

  @Test
  void renewWithoutTheExtraSanFlagsKeepsTheNamesTheCertificateHas() throws Exception {
    pki().generate();
    Path d = dataDir.resolve("pki");
    // As compose's renewal would run it: no --apiserver-cert-extra-sans this time.
    ClusterPki plain = new ClusterPki(new PkiOptions(dataDir, "10.96.0.0/12", List.of(),
        List.of("worker-1")), Clock.systemUTC());
    assertThat(plain.renew("apiserver")).containsExactly("apiserver");
    String text = openssl("x509", "-in", d.resolve("apiserver.crt").toString(), "-noout",
        "-ext", "subjectAltName");
    assertThat(text).contains("DNS:node1.example", "IP Address:192.168.50.10",
        "DNS:kubernetes.default.svc", "IP Address:10.96.0.1");
  }

  @Test
  void renewMovesNotAfterKeepsTheKeyAndTheCa() throws Exception {
    Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
    pki(Clock.fixed(monthAgo, ZoneOffset.UTC)).generate();
    Path d = dataDir.resolve("pki");
    byte[] ca = Files.readAllBytes(d.resolve("ca.crt"));
    byte[] key = Files.readAllBytes(d.resolve("apiserver.key"));
    X509Certificate old = Pem.readCertificate(d.resolve("apiserver.crt"));
    X509Certificate oldEtcd = Pem.readCertificate(d.resolve("etcd/server.crt"));

    assertThat(pki().renew("apiserver")).containsExactly("apiserver");
    X509Certificate renewed = Pem.readCertificate(d.resolve("apiserver.crt"));
    assertThat(renewed.getNotAfter()).isAfter(old.getNotAfter());
    assertThat(renewed.getIssuerX500Principal()).isEqualTo(old.getIssuerX500Principal());
    assertThat(renewed.getPublicKey()).isEqualTo(old.getPublicKey());
    assertThat(List.copyOf(renewed.getSubjectAlternativeNames()))
        .isEqualTo(List.copyOf(old.getSubjectAlternativeNames()));
    assertThat(Files.readAllBytes(d.resolve("ca.crt"))).isEqualTo(ca);
    assertThat(Files.readAllBytes(d.resolve("apiserver.key"))).isEqualTo(key);
    renewed.verify(Pem.readCertificate(d.resolve("ca.crt")).getPublicKey());
    // Only the one asked for.
    assertThat(Pem.readCertificate(d.resolve("etcd/server.crt"))).isEqualTo(oldEtcd);

    assertThat(pki().renew("all")).hasSize(9);
    assertThat(Pem.readCertificate(d.resolve("etcd/server.crt")).getNotAfter())
        .isAfter(oldEtcd.getNotAfter());
    assertThatThrownBy(() -> pki().renew("bogus")).isInstanceOf(PkiException.class)
        .hasMessageStartingWith("unknown certificate: bogus (one of: all, apiserver,");
  }

  @Test
  void serviceAccountKeysAreRsa2048Pkcs8AndTheirPublicHalfMatches() throws Exception {
    pki().generate();
    Path d = dataDir.resolve("pki");
    assertThat(Files.readString(d.resolve("sa.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(d.resolve("sa.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(openssl("pkey", "-in", d.resolve("sa.key").toString(), "-noout", "-text"))
        .contains("Private-Key: (2048 bit");
    // openssl derives the same public key from sa.key as the one in sa.pub.
    assertThat(openssl("pkey", "-in", d.resolve("sa.key").toString(), "-pubout"))
        .isEqualTo(Files.readString(d.resolve("sa.pub")));
    // Only the public half lost: written again from the key, the key kept.
    byte[] key = Files.readAllBytes(d.resolve("sa.key"));
    String pub = Files.readString(d.resolve("sa.pub"));
    Files.delete(d.resolve("sa.pub"));
    assertThat(pki().generate()).isEmpty();
    assertThat(Files.readAllBytes(d.resolve("sa.key"))).isEqualTo(key);
    assertThat(d.resolve("sa.pub")).hasContent(pub.strip());
  }

  @Test
  void aNewAddressIsAddedToTheServingCertificateWithItsKeyKept() throws Exception {
    pki().generate();
    Path d = dataDir.resolve("pki");
    byte[] key = Files.readAllBytes(d.resolve("apiserver.key"));
    byte[] admin = Files.readAllBytes(d.resolve("admin.crt"));
    ClusterPki moved = new ClusterPki(new PkiOptions(dataDir, "10.96.0.0/12",
        List.of("node1.example", "192.168.50.10", "10.1.2.3"), List.of("worker-1")));
    assertThat(moved.generate()).containsExactly("apiserver (new SANs)");
    assertThat(openssl("x509", "-in", d.resolve("apiserver.crt").toString(), "-noout", "-ext",
        "subjectAltName")).contains("IP Address:10.1.2.3", "IP Address:192.168.50.10");
    assertThat(Files.readAllBytes(d.resolve("apiserver.key"))).isEqualTo(key);
    assertThat(Files.readAllBytes(d.resolve("admin.crt"))).isEqualTo(admin);
    assertThat(moved.generate()).isEmpty();
  }

  @Test
  void aJoiningNodeAndAUserGetCertificatesFromTheClusterCa() throws Exception {
    ClusterPki none = pki();
    assertThatThrownBy(() -> none.node("late")).isInstanceOf(PkiException.class)
        .hasMessageContaining("no cluster CA");
    pki().generate();
    Path d = dataDir.resolve("pki");
    byte[] ca = Files.readAllBytes(d.resolve("ca.crt"));
    CertSpec late = pki().node("late");
    assertThat(late.path()).isEqualTo("nodes/late");
    assertThat(openssl("x509", "-in", d.resolve("nodes/late.crt").toString(), "-noout",
        "-subject")).containsPattern("O ?= ?system:nodes, CN ?= ?system:node:late");
    byte[] first = Files.readAllBytes(d.resolve("nodes/late.crt"));
    pki().node("late");
    assertThat(Files.readAllBytes(d.resolve("nodes/late.crt"))).isEqualTo(first);

    pki().user("dev-user", List.of("developers"));
    assertThat(openssl("x509", "-in", d.resolve("users/dev-user.crt").toString(), "-noout",
        "-subject")).containsPattern("O ?= ?developers, CN ?= ?dev-user");
    assertThat(openssl("verify", "-CAfile", d.resolve("ca.crt").toString(),
        d.resolve("users/dev-user.crt").toString(), d.resolve("nodes/late.crt").toString()))
        .contains("dev-user.crt: OK").contains("late.crt: OK");
    byte[] dev = Files.readAllBytes(d.resolve("users/dev-user.crt"));
    pki().user("dev-user", List.of("developers"));
    assertThat(Files.readAllBytes(d.resolve("users/dev-user.crt"))).isEqualTo(dev);
    pki().user("dev-user", List.of());
    assertThat(openssl("x509", "-in", d.resolve("users/dev-user.crt").toString(), "-noout",
        "-subject")).doesNotContain("developers");
    assertThat(Files.readAllBytes(d.resolve("ca.crt"))).isEqualTo(ca);
    assertThatThrownBy(() -> pki().user("bad name", List.of()))
        .hasMessage("invalid user name: bad name");
  }

  @Test
  void badNamesAreRefused() {
    assertThatThrownBy(() -> new ClusterPki(new PkiOptions(dataDir, "10.96.0.0/12", List.of(),
        List.of("Bad_Node"))).generate()).hasMessage("invalid node name: Bad_Node");
    assertThatThrownBy(() -> new ClusterPki(new PkiOptions(dataDir, "10.96.0.0/12",
        List.of("1.2.3.999"), List.of())).generate()).hasMessage("not an IP address: 1.2.3.999");
  }

  @ParameterizedTest
  @CsvSource({"-1, <invalid>", "59, 59s", "3599, 59m", "172799, 47h", "31449600, 364d",
      "315360000, 10y"})
  void residualTimeIsKubeadmsShortForm(long seconds, String expected) {
    assertThat(ExpirationTable.residual(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }
}

package io.kubling.e2e.secure;

import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiOptions;
import io.kubling.testkit.EtcdServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A test cluster's PKI under {@code <dir>/pki}, made by kubling's own {@link ClusterPki}
 * (what {@code kubling server} makes at first start), plus what that does not make yet:
 * the ingress controller's client certificate (signed by the cluster CA with openssl) and
 * the ServiceAccount key pair sa.key/sa.pub. Node certificates are issued on demand, as
 * suites join nodes by name.
 */
public final class TestPki {
  /** The Service CIDR of the test API servers: 10.96.0.1 goes into the serving cert. */
  static final String SERVICE_CIDR = "10.96.0.0/12";
  /** Node addresses of the namespace suites (NodeHosts' 10.250.0.0/24) besides loopback. */
  static final List<String> NODE_SANS = List.of("10.250.0.1", "10.250.0.2", "10.250.0.3");

  private final Path dataDir;
  private final ClusterPki pki;

  private TestPki(Path dataDir) {
    this.dataDir = dataDir;
    this.pki = new ClusterPki(options(List.of()));
  }

  private static Path template;

  /**
   * The CAs, the serving, etcd, component and admin certificates, and the SA keys under
   * dataDir/pki: copied from one PKI made once per test JVM, as the suites of one run would
   * otherwise each make the same keys again.
   */
  public static TestPki generate(Path dataDir) {
    Path from = template().resolve("pki");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path to = dataDir.resolve("pki").resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestPki(dataDir);
  }

  private static synchronized Path template() {
    if (template == null) {
      try {
        Path dir = Files.createTempDirectory("kubling-e2e-pki-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "pki-cleanup"));
        TestPki p = new TestPki(dir);
        p.pki.generate();
        p.ingressCertificate();
        p.serviceAccountKeys();
        template = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return template;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at JVM exit; the dir is ours alone
    }
  }

  private PkiOptions options(List<String> nodes) {
    return new PkiOptions(dataDir, SERVICE_CIDR, NODE_SANS, nodes);
  }

  public Path dir() {
    return pki.dir();
  }

  public Path caCrt() {
    return pki.crt("ca");
  }

  public Path crt(Identity who) {
    if (who.nodeName() != null) {
      ensureNode(who.nodeName());
    }
    return pki.crt(who.pkiPath());
  }

  public Path key(Identity who) {
    crt(who);
    return pki.key(who.pkiPath());
  }

  /**
   * who's key as SEC1 "EC PRIVATE KEY" (openssl ec), for kubeconfigs: fabric8 takes a
   * PKCS#8 "PRIVATE KEY" in a kubeconfig for RSA and fails on kubling's P-256 keys.
   */
  public synchronized Path kubeconfigKey(Identity who) {
    Path sec1 = dir().resolve(who.pkiPath() + ".sec1.key");
    if (!Files.exists(sec1)) {
      try {
        openssl("ec", "-in", key(who).toString(), "-out", sec1.toString());
        Files.setPosixFilePermissions(sec1, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sec1;
  }

  public Path apiserverCrt() {
    return pki.crt("apiserver");
  }

  public Path apiserverKey() {
    return pki.key("apiserver");
  }

  public Path saKey() {
    return dir().resolve("sa.key");
  }

  public Path saPub() {
    return dir().resolve("sa.pub");
  }

  /** etcd's serving side: its server certificate, and the etcd CA for client certs. */
  public EtcdServer.Tls etcdServer() {
    return new EtcdServer.Tls(pki.crt("etcd/ca"), pki.crt("etcd/server"),
        pki.key("etcd/server"));
  }

  /** The API server's etcd client certificate: the only one etcd lets in. */
  public Path etcdCa() {
    return pki.crt("etcd/ca");
  }

  public Path apiserverEtcdClientCrt() {
    return pki.crt("apiserver-etcd-client");
  }

  public Path apiserverEtcdClientKey() {
    return pki.key("apiserver-etcd-client");
  }

  /** nodes/&lt;name&gt;.crt, issued by ClusterPki the first time a suite asks for the node. */
  private synchronized void ensureNode(String name) {
    if (!Files.exists(pki.crt("nodes/" + name))) {
      new ClusterPki(options(List.of(name))).generate();
    }
  }

  // ClusterPki has no ingress controller certificate yet; same CA, key type and usage.
  private void ingressCertificate() {
    Identity who = Identity.INGRESS_CONTROLLER;
    Path crt = pki.crt(who.pkiPath());
    if (Files.exists(crt)) {
      return;
    }
    Path key = pki.key(who.pkiPath());
    Path csr = dir().resolve(who.pkiPath() + ".csr");
    Path ext = dir().resolve(who.pkiPath() + ".ext");
    try {
      Files.writeString(ext, "basicConstraints=critical,CA:FALSE\n"
          + "keyUsage=critical,digitalSignature,keyEncipherment\n"
          + "extendedKeyUsage=clientAuth\n");
      openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
          "-nodes", "-keyout", key.toString(), "-subj", "/CN=" + who.user(),
          "-out", csr.toString());
      openssl("x509", "-req", "-in", csr.toString(), "-CA", caCrt().toString(),
          "-CAkey", pki.key("ca").toString(), "-CAcreateserial", "-days", "2",
          "-extfile", ext.toString(), "-out", crt.toString());
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      Files.delete(csr);
      Files.delete(ext);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void openssl(String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("openssl did not finish: " + cmd);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException("openssl failed: " + cmd + "\n" + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  // The contract's sa.key (RSA 2048, PKCS#8 PEM, 0600) and sa.pub (PEM public key), until
  // ClusterPki makes them.
  private void serviceAccountKeys() {
    if (Files.exists(saKey())) {
      return;
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair k = g.generateKeyPair();
      Files.createFile(saKey(), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.writeString(saKey(), pem("PRIVATE KEY", k.getPrivate().getEncoded()));
      Files.writeString(saPub(), pem("PUBLIC KEY", k.getPublic().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}

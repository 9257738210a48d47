package io.kubling.e2e.secure;

import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiOptions;
import io.kubling.testkit.EtcdServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import io.kubling.testkit.TempDirs;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A test cluster's PKI under {@code <dir>/pki}, made by kubling's own {@link ClusterPki}
 * (what {@code kubling server} makes at first start: CAs, serving, etcd, component, ingress
 * controller and admin certificates, sa.key/sa.pub). Node certificates are issued on
 * demand, as suites join nodes by name.
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
        Runtime.getRuntime().addShutdownHook(
            new Thread(() -> TempDirs.deleteQuietly(dir), "pki-cleanup"));
        new TestPki(dir).pki.generate();
        template = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return template;
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
    pki.node(name);
  }
}

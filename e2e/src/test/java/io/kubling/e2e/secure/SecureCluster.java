package io.kubling.e2e.secure;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.StorageSecurity;
import io.kubling.cli.pki.TlsFiles;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.testkit.EtcdServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import io.kubling.testkit.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * The one place every e2e suite gets its etcd and API server from, secure as {@code kubling
 * server} runs them when {@link #SECURE} is on: a PKI made by kubling's ClusterPki, etcd
 * serving TLS with client-cert-auth (only the API server's etcd client cert gets in), and
 * the API server on HTTPS with client-certificate and ServiceAccount-token authentication
 * and the Node and RBAC authorizers. Every identity a suite plays (admin, scheduler,
 * controller manager, ingress controller, each node) gets its own certificate, kubeconfig,
 * fabric8 client and JDK SSLContext from here. With the switch off, the same calls give
 * today's plain HTTP cluster where everyone is allowed everything.
 */
public final class SecureCluster implements AutoCloseable {
  /**
   * THE switch: whether the e2e suites run against the secure setup. {@code
   * -Dkubling.e2e.secure=true|false} overrides it for one run.
   */
  public static final boolean SECURE =
      Boolean.parseBoolean(System.getProperty("kubling.e2e.secure", "true"));

  private final Path dir;
  private final TestPki pki;
  private final EtcdServer etcd;
  private final ApiServer server;
  private final Map<Identity, Path> kubeconfigs = new ConcurrentHashMap<>();
  private final Map<Identity, SSLContext> sslContexts = new ConcurrentHashMap<>();
  private final Map<Identity, KubernetesClient> shared = new ConcurrentHashMap<>();
  private final List<KubernetesClient> clients = new ArrayList<>();

  private SecureCluster(Path dir, TestPki pki, EtcdServer etcd, ApiServer server) {
    this.dir = dir;
    this.pki = pki;
    this.etcd = etcd;
    this.server = server;
  }

  /** etcd and an API server on a free loopback port, secure when {@link #SECURE} is on. */
  public static SecureCluster start(String name) {
    return start(name, o -> o);
  }

  /** As {@link #start(String)}, with the API server's options changed by tweak. */
  public static SecureCluster start(String name, UnaryOperator<ApiServerOptions> tweak) {
    return start(name, SECURE, tweak);
  }

  static SecureCluster start(String name, boolean secure,
      UnaryOperator<ApiServerOptions> tweak) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kubling-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EtcdServer etcd = null;
    try {
      TestPki pki = secure ? TestPki.generate(dir) : null;
      etcd = secure ? EtcdServer.startTls(name, pki.etcdServer()) : EtcdServer.start(name);
      ApiServerOptions options = ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0);
      if (secure) {
        options = options
            .withStorageSecurity(StorageSecurity.NONE.withEtcdTls(pki.etcdCa(),
                pki.apiserverEtcdClientCrt(), pki.apiserverEtcdClientKey()))
            .withServingSecurity(new ServingSecurity(pki.apiserverCrt(), pki.apiserverKey(),
                pki.caCrt(), null, List.of(pki.saPub()), pki.saKey(), null,
                List.of("Node", "RBAC"), true));
      }
      ApiServer server = new ApiServer(tweak.apply(options)).start().get(60, TimeUnit.SECONDS);
      return new SecureCluster(dir, pki, etcd, server);
    } catch (Exception e) {
      if (etcd != null) {
        etcd.close();
      }
      TempDirs.deleteTree(dir);
      throw new IllegalStateException(name + ": etcd and the API server did not start", e);
    }
  }

  public boolean secure() {
    return pki != null;
  }

  /** The API server's URL: https://127.0.0.1:port when secure. */
  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  /**
   * The URL of the API server as seen through a relay listening on 127.0.0.1:port (the node
   * namespaces' Unix socket relays): same scheme; the serving cert names 127.0.0.1.
   */
  public String relayUrl(int port) {
    return (secure() ? "https" : "http") + "://127.0.0.1:" + port;
  }

  public ApiServer apiServer() {
    return server;
  }

  public EtcdServer etcd() {
    return etcd;
  }

  /** This cluster's temp dir (pki/, kubeconfigs/); removed on close. */
  public Path dir() {
    return dir;
  }

  /** The PKI; fails when the switch is off. */
  public TestPki pki() {
    if (pki == null) {
      throw new IllegalStateException("this cluster is not secure");
    }
    return pki;
  }

  /**
   * The CA the controller manager publishes as kube-root-ca.crt (--root-ca-file), which
   * ServiceAccount token volumes carry; empty when plain (no publisher runs, as before).
   */
  public String rootCaFile() {
    return pki == null ? "" : pki.caCrt().toString();
  }

  /** The kubeconfig of who, for kubectl and for agents and components (--kubeconfig). */
  public Path kubeconfig(Identity who) {
    return kubeconfigs.computeIfAbsent(who, w -> Kubeconfigs.write(
        dir.resolve("kubeconfigs").resolve(w.fileName() + ".kubeconfig"), url(), pki, w));
  }

  /** A fabric8 Config for who, read from its kubeconfig as a component would. */
  public Config config(Identity who) {
    return Config.fromKubeconfig(kubeconfig(who).toFile());
  }

  /** A new client for who, closed with the cluster. */
  public KubernetesClient newClient(Identity who, String agent) {
    KubernetesClient c = KubeClients.fromKubeconfig(kubeconfig(who),
        ClientSettings.defaults(agent));
    synchronized (clients) {
      clients.add(c);
    }
    return c;
  }

  /** One client per identity, shared by the suite; closed with the cluster. */
  public KubernetesClient client(Identity who) {
    return shared.computeIfAbsent(who, w -> newClient(w, "e2e-" + w.fileName()));
  }

  /** The admin's shared client: the suite's own hands. */
  public KubernetesClient admin() {
    return client(Identity.ADMIN);
  }

  /** A JDK SSLContext presenting who's certificate, for java.net.http; null when plain. */
  public SSLContext sslContext(Identity who) {
    if (pki == null) {
      return null;
    }
    return sslContexts.computeIfAbsent(who,
        w -> TlsFiles.clientContext(pki.caCrt(), pki.crt(w), pki.key(w)));
  }

  /**
   * Options for an in-process component named name running as who: its kubeconfig, /healthz
   * on a free loopback port, no leader election.
   */
  public ComponentOptions component(String name, Identity who) {
    ComponentOptions c = ComponentOptions.defaults(name, 0);
    return new ComponentOptions(kubeconfig(who).toString(), "",
        c.leaderElection().withLeaderElect(false), "127.0.0.1", 0);
  }

  /** Stops clients, the API server and etcd, then removes the temp dir. */
  @Override
  public void close() {
    try {
      synchronized (clients) {
        clients.forEach(KubernetesClient::close);
        clients.clear();
      }
      server.close();
    } finally {
      try {
        etcd.close();
      } finally {
        TempDirs.deleteTree(dir);
      }
    }
  }
}

package io.kubling.e2e.kubectl;

import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import io.kubling.e2e.secure.Identity;
import io.kubling.e2e.secure.SecureCluster;
import io.kubling.testkit.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import io.kubling.testkit.TempDirs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh kubling for one test class ({@link SecureCluster}: a real etcd, the API server in
 * this JVM), and one kubectl client as the admin whose --cache-dir, files and editor temp
 * files all live in one temp dir that {@link #close()} removes.
 */
final class KubectlCluster implements AutoCloseable {
  final Client client;
  final Kubectl kubectl;
  /** The admin over plain java.net.http, to set up and read back what kubectl sees. */
  final Api api;
  private final Path dir;
  private final SecureCluster cluster;
  private final Map<Identity, Api> apis = new java.util.concurrent.ConcurrentHashMap<>();

  private final ControllerManager serviceAccounts;

  private KubectlCluster(Client client, Path dir, SecureCluster cluster) {
    this.client = client;
    this.dir = dir;
    this.cluster = cluster;
    this.serviceAccounts = serviceAccounts(cluster);
    this.kubectl = Kubectl.withKubeconfig(client.binary, cluster.kubeconfig(Identity.ADMIN),
        dir);
    this.api = api(Identity.ADMIN);
  }

  static KubectlCluster start(Client client) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kubling-kubectl-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SecureCluster cluster = null;
    try {
      cluster = SecureCluster.start("kubectl-e2e");
      return new KubectlCluster(client, dir, cluster);
    } catch (RuntimeException e) {
      if (cluster != null) {
        cluster.close();
      }
      TempDirs.deleteTree(dir);
      throw e;
    }
  }

  /**
   * The controller manager's serviceaccount and root-ca-cert-publisher controllers only, as
   * the controller manager: every namespace gets its default ServiceAccount (pods need it
   * once the server authenticates) and kube-root-ca.crt; the rest of the controller manager
   * stays out, so the suites' objects are theirs alone.
   */
  private static ControllerManager serviceAccounts(SecureCluster cluster) {
    ControllerManagerOptions o = ControllerManagerOptions.defaults(cluster.component(
        ControllerManagerOptions.NAME, Identity.CONTROLLER_MANAGER))
        .withApiServerUrl(cluster.url()).withRootCaFile(cluster.rootCaFile())
        .withControllers(cluster.secure() ? List.of("serviceaccount", "root-ca-cert-publisher")
            : List.of("serviceaccount"));
    ControllerManager m = new ControllerManager(o, cluster.client(Identity.CONTROLLER_MANAGER),
        "kubectl-e2e").start();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
        cluster.admin().serviceAccounts().inNamespace("default").withName("default").get()
            != null);
    return m;
  }

  /** Plain HTTP(S) to the API server as who (one client per identity, reused). */
  Api api(Identity who) {
    return apis.computeIfAbsent(who, w -> new Api(cluster.url(), cluster.sslContext(w)));
  }

  String url() {
    return cluster.url();
  }

  Path dir() {
    return dir;
  }

  /** Runs kubectl with these arguments, whatever its exit code. */
  Kubectl.Result run(String... args) {
    return run(null, Map.of(), args);
  }

  Kubectl.Result run(String stdin, Map<String, String> env, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.put("TMPDIR", dir.toString()); // where kubectl edit writes its copies
    return kubectl.run(stdin, all, args);
  }

  /** Runs kubectl, fails the test unless it exits 0, and returns its standard output. */
  String ok(String... args) {
    return run(args).assertOk().out();
  }

  /** Runs kubectl with stdin, e.g. {@code apply -f -}; fails unless it exits 0. */
  String okWithInput(String stdin, String... args) {
    return run(stdin, Map.of(), args).assertOk().out();
  }

  /**
   * Runs a bash script in the temp dir where {@code kubectl} is this client with its
   * kubeconfig and cache dir, for pipes and redirects as the issue writes them.
   */
  Kubectl.Result shell(String script) {
    String function = "kubectl() { '" + client.binary + "' --cache-dir='" + dir.resolve("cache")
        + "' \"$@\"; }\n";
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", function + script))
          .directory(dir.toFile());
      pb.environment().put("KUBECONFIG", kubectl.kubeconfig().toString());
      pb.environment().put("HOME", dir.toString());
      Path out = Files.createTempFile(dir, "sh", ".out");
      Path err = Files.createTempFile(dir, "sh", ".err");
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("script did not finish in 60 s: " + script);
      }
      Kubectl.Result r = new Kubectl.Result(p.exitValue(), Files.readString(out),
          Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes a file in the temp dir, where kubectl runs, and returns its path. */
  Path file(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      serviceAccounts.close();
      cluster.close();
    } finally {
      TempDirs.deleteTree(dir);
    }
  }
}

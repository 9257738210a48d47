package io.kubling.cli;

import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiException;
import io.kubling.cli.pki.PkiOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kubling apiserver}: the API server alone, against an etcd that runs elsewhere.
 * Secure with no flags at all: as kube-apiserver makes a self-signed certificate in
 * --cert-dir when given no --tls-cert-file, this makes (or reuses) a small PKI there — the
 * cluster CA, its serving certificate, the admin's client certificate, the ServiceAccount
 * key pair — and serves HTTPS with client certificates and Node,RBAC.
 */
@Command(name = "apiserver", mixinStandardHelpOptions = true, showDefaultValues = true,
    sortOptions = false,
    description = {"Runs the API server alone against an existing etcd, over HTTPS with"
        + " authentication and authorization. Without --tls-cert-file it serves with"
        + " certificates it makes (or reuses) in --cert-dir. Ctrl-C stops it."
        + " Every flag can also be set by the environment variable named after it."})
final class ApiServerCommand implements Callable<Integer> {
  /** What --cert-dir holds for the API server alone: kubeadm's names, a subset of its PKI. */
  static final Set<String> OWN_CERTIFICATES = Set.of("apiserver", "admin");

  @Spec
  CommandSpec spec;

  @Option(names = "--etcd-servers", split = ",", paramLabel = "<url>",
      description = "Client URLs of etcd (required). Env: KUBLING_ETCD_SERVERS.")
  List<String> etcdServers;

  @Mixin
  ApiServerFlags api;

  @Option(names = "--cert-dir", defaultValue = "./data/pki", paramLabel = "<dir>",
      description = "Where the certificates are made at first start and reused after, when"
          + " --tls-cert-file is not given: ca.crt, apiserver.crt, admin.crt, sa.key, sa.pub"
          + " (kubling server's layout, so its data/pki serves too). Env: KUBLING_CERT_DIR.")
  Path certDir;

  @Option(names = "--kubeconfig", paramLabel = "<file>",
      description = "If given, write the admin's kubeconfig (the cluster CA and the admin's"
          + " client certificate from --cert-dir) there. Env: KUBLING_KUBECONFIG.")
  Path kubeconfig;

  /** The PKI in --cert-dir, once prepared; null with --tls-cert-file. */
  private ClusterPki pki;

  @Override
  public Integer call() throws InterruptedException {
    // Checked here rather than with required = true: picocli would not count the
    // environment variable as having given the option.
    if (etcdServers == null || etcdServers.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "Missing required option: '--etcd-servers=<url>'");
    }
    PrintWriter out = spec.commandLine().getOut();
    ApiServerOptions options = prepare(out);
    ShutdownSequence shutdown = ShutdownSequence.install(out);
    try {
      var server = ApiServerLauncher.start(options, shutdown, out);
      if (kubeconfig != null) {
        Path file = kubeconfig.toAbsolutePath().normalize();
        new ClusterKubeconfigs(certDir, pki).writeAdmin(file,
            Kubeconfig.serverUrl("https", api.bindAddress, server.port()));
        out.println("kubeconfig written to " + file);
        out.println("export KUBECONFIG=" + file);
      }
      out.flush();
    } catch (RuntimeException e) {
      shutdown.run();
      throw e;
    }
    new CountDownLatch(1).await();
    return 0;
  }

  /** The flags only this command has, checked before anything is written. */
  void validate() {
    if (Files.exists(certDir) && !Files.isDirectory(certDir)) {
      throw api.invalid("--cert-dir", certDir.toString(), "not a directory");
    }
    if (kubeconfig != null && api.tlsCertFile != null) {
      throw api.invalid("--kubeconfig", kubeconfig.toString(), "the admin kubeconfig carries"
          + " the certificates of --cert-dir, which --tls-cert-file replaces");
    }
  }

  /**
   * Checks the flags, makes what --cert-dir lacks, and returns the API server's options:
   * with --tls-cert-file the flags alone, as kube-apiserver takes them; else the files of
   * the PKI in --cert-dir, each one a flag names replacing it.
   */
  ApiServerOptions prepare(PrintWriter out) {
    api.validate();
    validate();
    pki = api.tlsCertFile == null ? preparePki(out) : null;
    return api.toOptions(etcdServers, pki == null ? ServingSecurity.NONE
        : ServerSecurity.serving(pki));
  }

  private ClusterPki preparePki(PrintWriter out) {
    ClusterPki pki = new ClusterPki(new PkiOptions(certDir, api.serviceClusterIpRange,
        ServerSecurity.sans(api.bindAddress, List.of()), List.of(), List.of()));
    try {
      List<String> made = pki.generate(c -> OWN_CERTIFICATES.contains(c.name()));
      out.println(made.isEmpty() ? "certificates in " + pki.dir() + " reused"
          : "certificates made in " + pki.dir() + ": " + String.join(", ", made));
    } catch (PkiException e) {
      throw new UserError("cannot make the API server's certificates in " + certDir + ": "
          + e.getMessage());
    }
    return pki;
  }
}

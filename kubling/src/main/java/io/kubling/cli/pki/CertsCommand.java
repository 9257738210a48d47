package io.kubling.cli.pki;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubling certs}: the cluster PKI, as {@code kubeadm certs} manages it. */
@Command(name = "certs", description = "Make, check and renew the cluster's certificates.",
    subcommands = {CertsCommand.Generate.class, CertsCommand.CheckExpiration.class,
        CertsCommand.Renew.class, CertsCommand.User.class},
    mixinStandardHelpOptions = true)
public final class CertsCommand {

  /** The flags every subcommand shares. */
  static class Common {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "<dir>",
        description = "Data dir; certificates live in its pki/. Env: KUBLING_DATA_DIR.")
    Path dataDir;

    @Option(names = "--service-cluster-ip-range", defaultValue = "10.96.0.0/12",
        paramLabel = "<cidr>", description = "Service CIDR; its first IP goes into the API"
            + " server's certificate. Env: KUBLING_SERVICE_CLUSTER_IP_RANGE.")
    String serviceClusterIpRange;

    @Option(names = "--apiserver-cert-extra-sans", split = ",", paramLabel = "<name|ip>",
        description = "More names or IPs for the API server's certificate (node addresses)."
            + " Env: KUBLING_APISERVER_CERT_EXTRA_SANS.")
    List<String> extraSans = List.of();

    @Option(names = "--node", split = ",", paramLabel = "<name>",
        description = "Issue a client certificate for this node (system:node:<name>)."
            + " Env: KUBLING_NODE.")
    List<String> nodes = List.of();

    @Option(names = "--etcd-cert-extra-sans", split = ",", paramLabel = "<name|ip>",
        description = "More names or IPs for etcd's serving and peer certificates (the host"
            + " name of an etcd that runs apart). Env: KUBLING_ETCD_CERT_EXTRA_SANS.")
    List<String> etcdExtraSans = List.of();

    ClusterPki pki() {
      try {
        io.kubling.apiserver.allocator.Ipv4Range.parse(serviceClusterIpRange);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "Invalid value for option '--service-cluster-ip-range': '" + serviceClusterIpRange
                + "': " + e.getMessage());
      }
      return new ClusterPki(new PkiOptions(dataDir.resolve("pki"), serviceClusterIpRange,
          extraSans, nodes, etcdExtraSans));
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Make every missing CA and certificate under <data-dir>/pki; keep the"
          + " ones that exist.")
  static final class Generate extends Common implements Callable<Integer> {
    @Option(names = "--server", paramLabel = "<url>",
        description = "Also write a kubeconfig for each identity into <data-dir>, reaching the"
            + " API server at this https URL: admin.conf, scheduler.conf,"
            + " controller-manager.conf, ingress-controller.conf, nodes/<node>.conf."
            + " Env: KUBLING_SERVER.")
    String server;

    @Option(names = "--admin-kubeconfig", paramLabel = "<file>",
        description = "Also write the admin's kubeconfig here, for --admin-server; it belongs to"
            + " the owner of its directory (a host dir mounted into a container)."
            + " Env: KUBLING_ADMIN_KUBECONFIG.")
    Path adminKubeconfig;

    @Option(names = "--admin-server", paramLabel = "<url>",
        description = "The API server's https URL in --admin-kubeconfig (default: --server),"
            + " e.g. a port published on the host. Env: KUBLING_ADMIN_SERVER.")
    String adminServer;

    @Override
    public Integer call() {
      String adminUrl = adminServer != null ? adminServer : server;
      checkUrl("--server", server);
      checkUrl("--admin-server", adminServer);
      if (adminKubeconfig != null && adminUrl == null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "Invalid value for option '--admin-kubeconfig': '" + adminKubeconfig
                + "': needs --admin-server or --server");
      }
      ClusterPki pki = pki();
      List<String> made = run(pki::generate);
      var out = spec.commandLine().getOut();
      out.println(made.isEmpty()
          ? "certs: all certificates exist in " + pki.dir() + "; nothing to do"
          : "certs: made " + String.join(", ", made) + " in " + pki.dir());
      var kubeconfigs = new io.kubling.cli.ClusterKubeconfigs(dataDir, pki);
      if (server != null) {
        for (Path file : kubeconfigs.writeAll(server, nodes)) {
          out.println("certs: wrote " + file);
        }
      }
      if (adminKubeconfig != null) {
        kubeconfigs.writeAdmin(adminKubeconfig, adminUrl);
        OwnerOfDirectory.give(adminKubeconfig);
        out.println("certs: wrote " + adminKubeconfig);
      }
      return 0;
    }

    private void checkUrl(String flag, String url) {
      if (url == null) {
        return;
      }
      String why = null;
      try {
        java.net.URI u = new java.net.URI(url);
        if (!"https".equals(u.getScheme()) || u.getHost() == null) {
          why = "want https://<host>[:<port>]";
        }
      } catch (java.net.URISyntaxException e) {
        why = "not a URL";
      }
      if (why != null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "Invalid value for option '" + flag + "': '" + url + "': " + why);
      }
    }
  }

  @Command(name = "check-expiration", mixinStandardHelpOptions = true,
      description = "Show when each certificate and CA expires.")
  static final class CheckExpiration extends Common implements Callable<Integer> {
    @Override
    public Integer call() {
      ClusterPki pki = pki();
      List<ClusterPki.Expiration> rows = run(pki::expirations);
      if (rows.isEmpty()) {
        throw new io.kubling.cli.UserError("certs: no certificates in " + pki.dir()
            + "; run kubling certs generate");
      }
      var out = spec.commandLine().getOut();
      out.print(ExpirationTable.render(rows, Instant.now()));
      out.flush(); // print does not flush, and main exits right after
      return 0;
    }
  }

  @Command(name = "renew", mixinStandardHelpOptions = true,
      description = "Re-sign a certificate (or all) with its CA, keeping its key.")
  static final class Renew extends Common implements Callable<Integer> {
    @Parameters(paramLabel = "<name|all>", description = "Certificate name, as"
        + " check-expiration lists it, or all.")
    String name;

    @Override
    public Integer call() {
      ClusterPki pki = pki();
      List<String> renewed = run(() -> pki.renew(name));
      spec.commandLine().getOut().println("certs: renewed " + String.join(", ", renewed)
          + "; restart the components that use them");
      return 0;
    }
  }

  @Command(name = "user", mixinStandardHelpOptions = true,
      description = {"Issue a client certificate for a user (CN=<name>, O=<group>...), signed"
          + " by the cluster CA, into <data-dir>/pki/users/, and add the user and a context"
          + " <name>@kubling to a kubeconfig (default: <data-dir>/kubeconfig), leaving its"
          + " current context alone. Then: kubectl config use-context <name>@kubling."})
  static final class User implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "<dir>",
        description = "Data dir; certificates live in its pki/. Env: KUBLING_DATA_DIR.")
    Path dataDir;

    @Option(names = "--group", paramLabel = "<group>", description = "A group of the user"
        + " (the certificate's O); repeat for more. Env: KUBLING_GROUP.")
    List<String> groups = new java.util.ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "<file>", description = "The kubeconfig to"
        + " add the user to (default: <data-dir>/kubeconfig). Env: KUBLING_KUBECONFIG.")
    Path kubeconfig;

    @Parameters(paramLabel = "<name>", description = "The user name (the certificate's CN).")
    String name;

    @Override
    public Integer call() {
      ClusterPki pki = new ClusterPki(new PkiOptions(dataDir, "10.96.0.0/12", List.of(),
          List.of()));
      run(() -> ClusterPki.userSpec(name, groups));
      Path file = kubeconfig != null ? kubeconfig : dataDir.resolve("kubeconfig");
      // Checked first, so that a refusal leaves no certificate behind.
      if (java.nio.file.Files.isRegularFile(pki.crt("ca"))
          && !java.nio.file.Files.isRegularFile(file)) {
        throw new io.kubling.cli.UserError("certs: no kubeconfig at " + file
            + " to add the user to; start kubling server first or pass --kubeconfig");
      }
      CertSpec cert = run(() -> pki.user(name, groups));
      try {
        io.kubling.cli.Kubeconfig.addUser(file, new io.kubling.cli.Kubeconfig.Credentials(name,
            pki.crt(cert.path()), pki.key(cert.path())));
      } catch (java.io.IOException | RuntimeException e) {
        throw new io.kubling.cli.UserError("certs: cannot add " + name + " to " + file + ": "
            + e.getMessage());
      }
      spec.commandLine().getOut().println("certs: " + pki.crt(cert.path()) + " issued to "
          + name + (groups.isEmpty() ? "" : " (groups " + String.join(",", groups) + ")")
          + "; context " + io.kubling.cli.Kubeconfig.contextName(name) + " added to " + file);
      return 0;
    }
  }

  /** PKI failures reach the user as one plain line. */
  static <T> T run(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (PkiException e) {
      throw new io.kubling.cli.UserError("certs: " + e.getMessage());
    }
  }
}

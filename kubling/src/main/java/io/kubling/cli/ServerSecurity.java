package io.kubling.cli;

import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.cli.etcd.EtcdClientTls;
import io.kubling.cli.etcd.EtcdTls;
import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiException;
import io.kubling.cli.pki.PkiOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubling server}'s security in one place, laid out as kubeadm lays out a control
 * plane: the PKI under {@code <data-dir>/pki} (made at first start, reused after), etcd over
 * TLS with client-certificate auth, the API server's etcd client certificate, its HTTPS
 * serving, authentication and authorization, and one kubeconfig per component, each with
 * the component's own client certificate.
 */
final class ServerSecurity {
  private final Path dataDir;
  private final ClusterPki pki;

  private ServerSecurity(Path dataDir, ClusterPki pki) {
    this.dataDir = dataDir;
    this.pki = pki;
  }

  /**
   * Makes what is missing of the PKI (and refreshes the API server's certificate when it
   * lacks one of {@code sans}), telling what it made.
   *
   * @param sans addresses the API server answers on besides the defaults: the bind address,
   *     the node addresses
   * @param nodes the server's node names, each getting a client certificate
   */
  static ServerSecurity prepare(Path dataDir, String serviceClusterIpRange, List<String> sans,
      List<String> nodes, java.util.function.Consumer<String> events) {
    ClusterPki pki = new ClusterPki(new PkiOptions(dataDir, serviceClusterIpRange, sans, nodes));
    try {
      List<String> made = pki.generate();
      events.accept(made.isEmpty() ? "certificates in " + pki.dir() + " reused"
          : "certificates made in " + pki.dir() + ": " + String.join(", ", made));
    } catch (PkiException e) {
      throw new UserError("cannot make the cluster's certificates: " + e.getMessage());
    }
    return new ServerSecurity(dataDir, pki);
  }

  /** The API server's extra SANs: a specific bind address and the node addresses. */
  static List<String> sans(String bindAddress, List<String> nodeAddresses) {
    List<String> sans = new ArrayList<>();
    if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
      sans.add(bindAddress);
    }
    sans.addAll(nodeAddresses);
    return sans;
  }

  String scheme() {
    return "https";
  }

  Path pkiDir() {
    return pki.dir();
  }

  /** etcd's serving, peer and trust files, for the etcd the server starts. */
  EtcdTls etcdTls() {
    return EtcdTls.fromPki(pki.dir());
  }

  /**
   * The API server's options with the etcd client certificate (when it talks to the etcd
   * the server started). The serving security comes from the flags, which fall back to
   * {@link #serving()} file by file (ApiServerFlags.toOptions).
   */
  ApiServerOptions apply(ApiServerOptions options, boolean ownEtcd) {
    ApiServerOptions o = options;
    if (ownEtcd) {
      o = o.withStorageSecurity(o.storageSecurity().withEtcdTls(pki.crt("etcd/ca"),
          pki.crt("apiserver-etcd-client"), pki.key("apiserver-etcd-client")));
    }
    return o;
  }

  /** kube-apiserver's flags as kubeadm sets them: HTTPS, client certificates, tokens, RBAC. */
  ServingSecurity serving() {
    return secureServing();
  }

  /** The serving security built from this PKI. */
  ServingSecurity secureServing() {
    return serving(pki);
  }

  /**
   * kube-apiserver's files as kubeadm passes them, from a PKI: the serving certificate, the
   * cluster CA for client certificates, sa.pub to verify and sa.key to sign ServiceAccount
   * tokens; Node,RBAC.
   */
  static ServingSecurity serving(ClusterPki pki) {
    return new ServingSecurity(pki.crt("apiserver"), pki.key("apiserver"), pki.crt("ca"), null,
        List.of(pki.dir().resolve("sa.pub")), pki.dir().resolve("sa.key"),
        ServingSecurity.DEFAULT_ISSUER, ApiServerFlags.DEFAULT_AUTHORIZATION_MODES, true);
  }

  /** The etcd client certificate (only the API server and snapshots hold one). */
  EtcdClientTls etcdClient() {
    return EtcdClientTls.fromPki(pki.dir());
  }

  /** The cluster CA, published by the controller manager as kube-root-ca.crt. */
  Path rootCaFile() {
    return pki.crt("ca");
  }

  Path schedulerKubeconfig() {
    return kubeconfigs().scheduler();
  }

  Path controllerManagerKubeconfig() {
    return kubeconfigs().controllerManager();
  }

  Path ingressControllerKubeconfig() {
    return kubeconfigs().ingressController();
  }

  /** The kubeconfigs of the in-process components, each with its own client certificate. */
  void writeComponentKubeconfigs(String serverUrl) {
    kubeconfigs().writeComponents(serverUrl);
  }

  /** The admin's kubeconfig (O=system:masters): what kubectl uses with no extra flags. */
  void writeAdminKubeconfig(Path file, String serverUrl) {
    kubeconfigs().writeAdmin(file, serverUrl);
  }

  private ClusterKubeconfigs kubeconfigs() {
    return new ClusterKubeconfigs(dataDir, pki);
  }
}

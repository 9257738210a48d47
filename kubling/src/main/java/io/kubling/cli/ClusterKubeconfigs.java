package io.kubling.cli;

import io.kubling.cli.nodes.NodeCredentials;
import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubeconfig of each identity of the cluster, as kubeadm's {@code init phase kubeconfig}
 * writes them into /etc/kubernetes: {@code admin.conf}, {@code scheduler.conf},
 * {@code controller-manager.conf}, {@code ingress-controller.conf} and
 * {@code nodes/<node>.conf} in a data dir, each with the cluster CA and that identity's own
 * client certificate from the PKI.
 */
public final class ClusterKubeconfigs {
  static final String ADMIN_USER = "kubernetes-admin";
  static final String SCHEDULER_USER = "system:kube-scheduler";
  static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";

  private final Path dataDir;
  private final ClusterPki pki;

  public ClusterKubeconfigs(Path dataDir, ClusterPki pki) {
    this.dataDir = dataDir;
    this.pki = pki;
  }

  Path admin() {
    return dataDir.resolve("admin.conf");
  }

  Path scheduler() {
    return dataDir.resolve("scheduler.conf");
  }

  Path controllerManager() {
    return dataDir.resolve("controller-manager.conf");
  }

  Path ingressController() {
    return dataDir.resolve("ingress-controller.conf");
  }

  /** The kubeconfigs of the control plane's components, each with its own certificate. */
  List<Path> writeComponents(String serverUrl) {
    write(scheduler(), serverUrl, SCHEDULER_USER, "kube-scheduler");
    write(controllerManager(), serverUrl, CONTROLLER_MANAGER_USER, "kube-controller-manager");
    write(ingressController(), serverUrl, ClusterPki.INGRESS_CONTROLLER_USER,
        "ingress-controller");
    return List.of(scheduler(), controllerManager(), ingressController());
  }

  /**
   * Every kubeconfig: the components', the admin's and each node's (whose certificates
   * {@code kubling certs generate --node} made). Returns the files written.
   */
  public List<Path> writeAll(String serverUrl, List<String> nodes) {
    List<Path> written = new ArrayList<>(writeComponents(serverUrl));
    writeAdmin(admin(), serverUrl);
    written.add(admin());
    for (String node : nodes) {
      Path file = NodeCredentials.kubeconfig(dataDir, node);
      write(file, serverUrl, "system:node:" + node, "nodes/" + node);
      written.add(file);
    }
    return written;
  }

  /** The admin's kubeconfig (O=system:masters): what kubectl uses with no extra flags. */
  public void writeAdmin(Path file, String serverUrl) {
    write(file, serverUrl, ADMIN_USER, "admin");
  }

  private void write(Path file, String serverUrl, String user, String certPath) {
    try {
      Kubeconfig.writeAtomically(file, Kubeconfig.render(serverUrl, pki.crt("ca"),
          new Kubeconfig.Credentials(user, pki.crt(certPath), pki.key(certPath))));
    } catch (IOException | PkiException e) {
      throw new UserError("cannot write kubeconfig " + file + ": " + e.getMessage());
    }
  }
}

package io.kubling.cli.nodes;

import io.kubling.cli.Kubeconfig;
import io.kubling.cli.pki.CertSpec;
import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiException;
import io.kubling.cli.pki.PkiOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's own credentials: its client certificate (system:node:&lt;name&gt; in group
 * system:nodes, signed by the cluster CA, made when missing) and a kubeconfig with it at
 * {@code <data-dir>/nodes/<node>.conf}, as kubeadm gives each kubelet its kubelet.conf.
 */
public final class NodeCredentials {
  private NodeCredentials() {}

  public static Path kubeconfig(Path dataDir, String node) {
    return dataDir.resolve("nodes").resolve(node + ".conf");
  }

  /** Writes the node's kubeconfig for {@code apiServer}, making its certificate if missing. */
  public static Path write(Path dataDir, String node, String apiServer) throws IOException {
    ClusterPki pki = new ClusterPki(new PkiOptions(dataDir, "10.96.0.0/12", List.of(),
        List.of()));
    CertSpec spec;
    try {
      spec = pki.node(node);
    } catch (PkiException e) {
      throw new IOException("no credentials for node " + node + ": " + e.getMessage(), e);
    }
    Path file = kubeconfig(dataDir, node);
    Kubeconfig.writeAtomically(file, Kubeconfig.render(apiServer, pki.crt("ca"),
        new Kubeconfig.Credentials(spec.commonName(), pki.crt(spec.path()),
            pki.key(spec.path()))));
    return file;
  }
}

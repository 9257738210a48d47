package io.kubling.cli.pki;

import java.nio.file.Path;
import java.util.List;

/**
 * What the PKI is made for.
 *
 * @param pkiDir where the certificates go (kubeadm's /etc/kubernetes/pki)
 * @param serviceClusterIpRange the service CIDR: its first address is the kubernetes
 *     service's ClusterIP, which the API server's certificate must name
 * @param extraSans more names or IPs for the API server's certificate (node addresses)
 * @param nodes node names to issue client certificates for (system:node:&lt;name&gt;)
 * @param etcdExtraSans more names or IPs for etcd's serving and peer certificates (the host
 *     name etcd is reached by when it runs apart, as compose's {@code etcd})
 */
public record PkiOptions(Path pkiDir, String serviceClusterIpRange, List<String> extraSans,
    List<String> nodes, List<String> etcdExtraSans) {

  /** The PKI under {@code <dataDir>/pki}, as {@code kubling server} and {@code certs} keep it. */
  public PkiOptions(Path dataDir, String serviceClusterIpRange, List<String> extraSans,
      List<String> nodes) {
    this(dataDir.resolve("pki"), serviceClusterIpRange, extraSans, nodes, List.of());
  }
}

package io.kubling.cli.pki;

import java.nio.file.Path;
import java.util.List;

/**
 * What the PKI is made for.
 *
 * @param dataDir the data dir; certificates go under its pki/
 * @param serviceClusterIpRange the service CIDR: its first address is the kubernetes
 *     service's ClusterIP, which the API server's certificate must name
 * @param extraSans more names or IPs for the API server's certificate (node addresses)
 * @param nodes node names to issue client certificates for (system:node:&lt;name&gt;)
 */
public record PkiOptions(Path dataDir, String serviceClusterIpRange, List<String> extraSans,
    List<String> nodes) {

  public Path pkiDir() {
    return dataDir.resolve("pki");
  }
}

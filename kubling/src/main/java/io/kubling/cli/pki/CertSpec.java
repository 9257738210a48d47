package io.kubling.cli.pki;

import java.util.List;

/**
 * One certificate kubling issues, as kubeadm's certificate list names them.
 *
 * @param name the name {@code kubling certs renew} and the expiration table use
 * @param path file path under pki/ without extension (e.g. {@code etcd/server})
 * @param ca which authority signs it ({@code ca} or {@code etcd-ca})
 * @param commonName the subject CN (a user name for client certificates)
 * @param organizations the subject O values (groups for client certificates)
 * @param dnsNames DNS subject alternative names
 * @param ipAddresses IP subject alternative names
 * @param server whether it may serve TLS
 * @param client whether it may authenticate a client
 */
public record CertSpec(String name, String path, String ca, String commonName,
    List<String> organizations, List<String> dnsNames, List<String> ipAddresses,
    boolean server, boolean client) {

  static CertSpec client(String name, String path, String ca, String cn, String... orgs) {
    return new CertSpec(name, path, ca, cn, List.of(orgs), List.of(), List.of(), false, true);
  }
}

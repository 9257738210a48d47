package io.kubling.cli.etcd;

import java.nio.file.Path;

/**
 * etcd's certificates, as kubeadm runs etcd: clients and peers over TLS, and only clients
 * holding a certificate from the etcd CA may connect (--client-cert-auth).
 */
public record EtcdTls(Path trustedCaFile, Path certFile, Path keyFile, Path peerCertFile,
    Path peerKeyFile) {

  /** The files {@code kubling certs generate} writes under pki/etcd. */
  public static EtcdTls fromPki(Path pkiDir) {
    Path etcd = pkiDir.resolve("etcd");
    return new EtcdTls(etcd.resolve("ca.crt"), etcd.resolve("server.crt"),
        etcd.resolve("server.key"), etcd.resolve("peer.crt"), etcd.resolve("peer.key"));
  }
}

package io.kubling.cli.etcd;

import io.etcd.jetcd.ClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * How a client reaches an etcd with client-certificate auth: the etcd CA to trust, and the
 * client certificate and key to show (kubeadm's apiserver-etcd-client), as etcdctl's
 * {@code --cacert/--cert/--key} take them. {@link #NONE}: plain HTTP.
 */
public record EtcdClientTls(Path caFile, Path certFile, Path keyFile) {
  public static final EtcdClientTls NONE = new EtcdClientTls(null, null, null);

  /** The files {@code kubling server} made under {@code <pki>}: etcd/ca and its etcd client. */
  public static EtcdClientTls fromPki(Path pkiDir) {
    return new EtcdClientTls(pkiDir.resolve("etcd/ca.crt"),
        pkiDir.resolve("apiserver-etcd-client.crt"), pkiDir.resolve("apiserver-etcd-client.key"));
  }

  /**
   * What a snapshot command uses by default: for https endpoints, the certificates of the
   * server whose data dir it is, when they are there; otherwise none.
   */
  public static EtcdClientTls defaultFor(List<String> endpoints, Path dataDir) {
    EtcdClientTls pki = fromPki(dataDir.resolve("pki"));
    boolean https = endpoints.stream().anyMatch(e -> e.startsWith("https://"));
    return https && Files.isReadable(pki.caFile()) ? pki : NONE;
  }

  public boolean enabled() {
    return caFile != null || certFile != null;
  }

  /** The jetcd builder with this TLS set up, or unchanged for {@link #NONE}. */
  public ClientBuilder applyTo(ClientBuilder b) {
    if (!enabled()) {
      return b;
    }
    try {
      return b.sslContext(ssl -> {
        if (caFile != null) {
          ssl.trustManager(caFile.toFile());
        }
        if (certFile != null) {
          ssl.keyManager(certFile.toFile(), keyFile.toFile());
        }
      });
    } catch (SSLException e) {
      throw new EtcdException("cannot use the etcd TLS files " + certFile + ": "
          + e.getMessage());
    }
  }
}

package io.kubling.cli.etcd;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the supervised etcd runs: a single member named {@code kubling}, client and peer URLs
 * on loopback only, its data in {@code dataDir}, its output appended to {@code logFile};
 * with {@code tls} (null: plain HTTP) over HTTPS with client-certificate auth.
 */
public record EtcdConfig(Path binary, Path dataDir, Path logFile, int clientPort, int peerPort,
    EtcdTls tls) {
  public static final String NAME = "kubling";

  public EtcdConfig {
    requireNonNull(binary, "binary should not be null");
    requireNonNull(dataDir, "dataDir should not be null");
    requireNonNull(logFile, "logFile should not be null");
  }

  public EtcdConfig(Path binary, Path dataDir, Path logFile, int clientPort, int peerPort) {
    this(binary, dataDir, logFile, clientPort, peerPort, null);
  }

  private String scheme() {
    return tls == null ? "http" : "https";
  }

  public String clientUrl() {
    return scheme() + "://127.0.0.1:" + clientPort;
  }

  public String peerUrl() {
    return scheme() + "://127.0.0.1:" + peerPort;
  }

  /**
   * The command line. On a restart etcd finds its member in the data dir and ignores the
   * initial-cluster flags, so the same command serves the first start and every later one.
   */
  public List<String> command() {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(),
        "--name", NAME,
        "--data-dir", dataDir.toString(),
        "--listen-client-urls", clientUrl(),
        "--advertise-client-urls", clientUrl(),
        "--listen-peer-urls", peerUrl(),
        "--initial-advertise-peer-urls", peerUrl(),
        "--initial-cluster", NAME + "=" + peerUrl(),
        "--initial-cluster-state", "new",
        "--logger", "zap"));
    if (tls != null) {
      cmd.addAll(List.of(
          "--cert-file", tls.certFile().toString(),
          "--key-file", tls.keyFile().toString(),
          "--client-cert-auth",
          "--trusted-ca-file", tls.trustedCaFile().toString(),
          "--peer-cert-file", tls.peerCertFile().toString(),
          "--peer-key-file", tls.peerKeyFile().toString(),
          "--peer-client-cert-auth",
          "--peer-trusted-ca-file", tls.trustedCaFile().toString()));
    }
    return List.copyOf(cmd);
  }
}

package io.kubling.cli.etcd;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * How the supervised etcd runs: a single member named {@code kubling}, client and peer URLs
 * on loopback only, its data in {@code dataDir}, its output appended to {@code logFile}.
 */
public record EtcdConfig(Path binary, Path dataDir, Path logFile, int clientPort, int peerPort) {
  public static final String NAME = "kubling";

  public EtcdConfig {
    requireNonNull(binary, "binary should not be null");
    requireNonNull(dataDir, "dataDir should not be null");
    requireNonNull(logFile, "logFile should not be null");
  }

  public String clientUrl() {
    return "http://127.0.0.1:" + clientPort;
  }

  public String peerUrl() {
    return "http://127.0.0.1:" + peerPort;
  }

  /**
   * The command line. On a restart etcd finds its member in the data dir and ignores the
   * initial-cluster flags, so the same command serves the first start and every later one.
   */
  public List<String> command() {
    return List.of(binary.toString(),
        "--name", NAME,
        "--data-dir", dataDir.toString(),
        "--listen-client-urls", clientUrl(),
        "--advertise-client-urls", clientUrl(),
        "--listen-peer-urls", peerUrl(),
        "--initial-advertise-peer-urls", peerUrl(),
        "--initial-cluster", NAME + "=" + peerUrl(),
        "--initial-cluster-state", "new",
        "--logger", "zap");
  }
}

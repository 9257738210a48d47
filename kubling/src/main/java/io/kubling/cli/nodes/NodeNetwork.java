package io.kubling.cli.nodes;

import static java.util.Objects.requireNonNull;

import io.kubling.agent.runtime.Ipv4Cidr;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the node namespaces of one {@code kubling server} live. Everything is derived from
 * its data dir, so a restart on the same data dir (or {@code kubling agent --server-data-dir}
 * joining it) finds the same names: namespace prefix {@code kl<6 hex of the dir's sha256>-},
 * agent data under {@code <data-dir>/agents/<node>}. The server writes it down in
 * {@code <data-dir>/nodes/network.properties} with the subnet and the API server's address.
 *
 * @param dataDir the server's data dir, absolute
 * @param prefix the prefix of every namespace of this cluster
 * @param subnet the node subnet; node i gets its i-th address
 * @param apiServer the API server's URL, as the server's kubeconfig names it
 */
public record NodeNetwork(Path dataDir, String prefix, String subnet, String apiServer) {
  static final String FILE = "nodes/network.properties";
  /** Longest Unix socket path the kernel takes (sun_path is 108 bytes with its NUL). */
  static final int MAX_SOCKET_PATH = 100;

  public NodeNetwork {
    requireNonNull(dataDir, "dataDir should not be null");
    requireNonNull(prefix, "prefix should not be null");
    Ipv4Cidr.parse(requireNonNull(subnet, "subnet should not be null"));
    requireNonNull(apiServer, "apiServer should not be null");
  }

  public static NodeNetwork of(Path dataDir, String subnet, String apiServer) {
    Path dir = dataDir.toAbsolutePath().normalize();
    return new NodeNetwork(dir, prefixFor(dir), subnet, apiServer);
  }

  /** {@code kl} and 6 hex digits of the data dir's sha256: short, as veth names must be. */
  public static String prefixFor(Path dataDir) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return "kl" + HexFormat.of().formatHex(d).substring(0, 6) + "-";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The agent's own data dir (pod state, logs, IP leases): stable across restarts. */
  public Path agentDataDir(String node) {
    return dataDir.resolve("agents").resolve(node);
  }

  public Path agentLog(String node) {
    return dataDir.resolve("agents").resolve(node + ".log");
  }

  /**
   * The Unix socket through which the agent of {@code node} reaches the API server: in the
   * data dir when the path is short enough for a socket, else under /run.
   */
  public Path apiSocket(String node) {
    Path inData = dataDir.resolve("nodes").resolve(node + "-api.sock");
    return inData.toString().length() <= MAX_SOCKET_PATH ? inData
        : Path.of("/run/kubling", prefix + node + "-api.sock");
  }

  public void save() throws IOException {
    Properties p = new Properties();
    p.setProperty("prefix", prefix);
    p.setProperty("subnet", subnet);
    p.setProperty("apiServer", apiServer);
    Path file = dataDir.resolve(FILE);
    Files.createDirectories(file.getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "written by kubling server; read by kubling agent --server-data-dir");
    }
  }

  /** What a server running on {@code dataDir} wrote down, if it did. */
  public static Optional<NodeNetwork> load(Path dataDir) throws IOException {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return Optional.of(new NodeNetwork(dir, p.getProperty("prefix", prefixFor(dir)),
        p.getProperty("subnet"), p.getProperty("apiServer")));
  }
}

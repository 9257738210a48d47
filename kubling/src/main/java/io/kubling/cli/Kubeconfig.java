package io.kubling.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin kubeconfig: cluster {@code kubling}, user {@code admin} (no credentials until the
 * API server has TLS and authentication), context {@code kubling} as the current one.
 */
final class Kubeconfig {
  static final String CLUSTER = "kubling";
  static final String USER = "admin";
  static final String CONTEXT = "kubling";

  private Kubeconfig() {}

  /**
   * The URL clients use to reach a server bound to {@code bindAddress}. A wildcard bind
   * address is not something to connect to, so it becomes loopback.
   */
  static String serverUrl(String bindAddress, int port) {
    String host = switch (bindAddress) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::", "0:0:0:0:0:0:0:0" -> "::1";
      default -> bindAddress;
    };
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  static String render(String serverUrl) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %4$s
        users:
        - name: %2$s
          user: {}
        contexts:
        - name: %3$s
          context:
            cluster: %1$s
            user: %2$s
        current-context: %3$s
        preferences: {}
        """.formatted(CLUSTER, USER, CONTEXT, serverUrl);
  }

  /**
   * Writes the file so that a reader sees the old content or the new, never half of it:
   * a temp file beside it (owner-only), then a rename over it.
   */
  static void writeAtomically(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

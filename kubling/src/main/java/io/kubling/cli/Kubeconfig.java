package io.kubling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubling.cli.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * kubeconfig files. {@link #render(String, Path, Credentials)} writes what {@code kubling
 * server}, {@code kubling apiserver} and {@code kubling certs generate} hand out: cluster {@code kubling} with the cluster CA embedded, one user with its
 * client certificate and key embedded, context {@code <user>@kubling} (kubeadm's
 * {@code kubernetes-admin@kubernetes} shape) as the current one, so kubectl needs no flags.
 */
public final class Kubeconfig {
  static final String CLUSTER = "kubling";

  private Kubeconfig() {}

  /**
   * The URL clients use to reach a server bound to {@code bindAddress}, in the scheme it
   * speaks. A wildcard bind address is not something to connect to, so it becomes loopback.
   */
  static String serverUrl(String scheme, String bindAddress, int port) {
    String host = switch (bindAddress) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::", "0:0:0:0:0:0:0:0" -> "::1";
      default -> bindAddress;
    };
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** A user and the PEM files of its client certificate and key. */
  public record Credentials(String user, Path certFile, Path keyFile) {}

  /** The context name of a user: {@code kubernetes-admin@kubling}. */
  public static String contextName(String user) {
    return user + "@" + CLUSTER;
  }

  /** One cluster (CA embedded), one user (client cert and key embedded), its context. */
  public static String render(String serverUrl, Path caFile, Credentials user) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %4$s
            certificate-authority-data: %5$s
        users:
        - name: %2$s
          user:
            client-certificate-data: %6$s
            client-key-data: %7$s
        contexts:
        - name: %3$s
          context:
            cluster: %1$s
            user: %2$s
        current-context: %3$s
        preferences: {}
        """.formatted(CLUSTER, user.user(), contextName(user.user()), serverUrl,
        base64(caFile), base64(user.certFile()), base64Key(user.keyFile()));
  }

  /**
   * Adds (or replaces) a user and its context in an existing kubeconfig, leaving the current
   * context alone: {@code kubectl config use-context <user>@kubling} switches to it.
   */
  public static void addUser(Path file, Credentials user) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode config =
        (ObjectNode) yaml.readTree(file.toFile());
    ObjectNode u = yaml.createObjectNode();
    u.put("name", user.user());
    u.putObject("user").put("client-certificate-data", base64(user.certFile()))
        .put("client-key-data", base64Key(user.keyFile()));
    ObjectNode c = yaml.createObjectNode();
    c.put("name", contextName(user.user()));
    c.putObject("context").put("cluster", CLUSTER).put("user", user.user());
    replaceByName(config, "users", u);
    replaceByName(config, "contexts", c);
    writeAtomically(file, yaml.writeValueAsString(config));
  }

  private static void replaceByName(ObjectNode config,
      String list, ObjectNode entry) {
    ArrayNode items = config.withArray(list);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).path("name").asText().equals(entry.path("name").asText())) {
        items.set(i, entry);
        return;
      }
    }
    items.add(entry);
  }

  private static String base64Key(Path keyFile) {
    return Base64.getEncoder().encodeToString(
        Pem.kubeconfigKey(keyFile).getBytes(StandardCharsets.US_ASCII));
  }

  private static String base64(Path pemFile) {
    return Base64.getEncoder().encodeToString(
        Pem.read(pemFile).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Writes the file so that a reader sees the old content or the new, never half of it:
   * a temp file beside it (owner-only), then a rename over it.
   */
  public static void writeAtomically(Path file, String text) throws IOException {
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

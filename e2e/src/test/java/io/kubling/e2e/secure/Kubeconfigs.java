package io.kubling.e2e.secure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kubeconfig files as kubeadm writes them for a user, but pointing at the PKI files instead
 * of embedding them: the CA to trust and the user's client certificate and key. Without a
 * PKI (the switch off) the user has no credentials and the server is plain HTTP.
 */
final class Kubeconfigs {
  private Kubeconfigs() {}

  // Embedded: fabric8 tells an EC key from its PEM header only in key data it reads itself.
  private static String base64(Path file) {
    try {
      return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String server, TestPki pki, Identity who) {
    String cluster = pki == null ? "    server: " + server + "\n"
        : "    server: " + server + "\n    certificate-authority: " + pki.caCrt() + "\n";
    String user = pki == null ? "  user: {}\n"
        : "  user:\n    client-certificate: " + pki.crt(who) + "\n    client-key-data: "
            + base64(pki.kubeconfigKey(who)) + "\n";
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters:
          - name: kubling
            cluster:
          %susers:
          - name: %s
          %scontexts:
          - name: kubling
            context:
              cluster: kubling
              user: %s
              namespace: default
          current-context: kubling
          """.formatted(cluster, who.user(), user, who.user()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

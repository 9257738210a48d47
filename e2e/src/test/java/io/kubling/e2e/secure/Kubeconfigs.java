package io.kubling.e2e.secure;

import io.kubling.cli.Kubeconfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kubeconfig files for a test identity: with a PKI, the very file {@code kubling server}
 * writes for a user (CA, client certificate and key embedded; {@link Kubeconfig#render});
 * without one (the switch off), a user with no credentials on plain HTTP.
 */
final class Kubeconfigs {
  private Kubeconfigs() {}

  static Path write(Path file, String server, TestPki pki, Identity who) {
    String text = pki != null
        ? Kubeconfig.render(server, pki.caCrt(),
            new Kubeconfig.Credentials(who.user(), pki.crt(who), pki.key(who)))
        : """
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubling
              cluster:
                server: %s
            users:
            - name: %s
              user: {}
            contexts:
            - name: kubling
              context:
                cluster: kubling
                user: %2$s
                namespace: default
            current-context: kubling
            """.formatted(server, who.user());
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.kubling.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.component.config.ComponentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through --api-socket the agent speaks the scheme its kubeconfig's server names. */
class RelaySchemeTest {
  @TempDir
  Path tmp;

  private static ComponentOptions options(String kubeconfig, String master) {
    ComponentOptions d = ComponentOptions.defaults("agent", 0);
    return new ComponentOptions(kubeconfig, master, d.leaderElection(), "127.0.0.1", 0);
  }

  private String kubeconfig(String server) throws Exception {
    Path f = tmp.resolve("node.conf");
    Files.writeString(f, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: %s}
        users:
        - name: u
          user: {}
        contexts:
        - name: x
          context: {cluster: c, user: u}
        current-context: x
        """.formatted(server));
    return f.toString();
  }

  @Test
  void followsTheKubeconfigThenMaster() throws Exception {
    assertThat(UnixSocketRelay.scheme(options(kubeconfig("https://127.0.0.1:6443"), "")))
        .isEqualTo("https");
    assertThat(UnixSocketRelay.scheme(options(kubeconfig("http://127.0.0.1:6443"), "")))
        .isEqualTo("http");
    assertThat(UnixSocketRelay.scheme(options(kubeconfig("http://127.0.0.1:6443"),
        "https://10.0.0.1:6443"))).isEqualTo("https");
    assertThat(UnixSocketRelay.scheme(options("", ""))).isEqualTo("http");
  }
}

package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubling.testkit.EtcdServer;
import io.kubling.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubling apiserver} against an etcd it did not start, flags taken from the env. */
class ApiServerCommandTest {
  @TempDir
  Path tmp;

  @Test
  void servesAgainstTheGivenEtcdAndStopsOnSigterm() throws Exception {
    try (EtcdServer etcd = EtcdServer.start("kubling-apiserver-cmd")) {
      int port = FreePorts.next();
      Path kubeconfig = tmp.resolve("admin.kubeconfig");
      Map<String, String> env = Map.of("KUBLING_ETCD_SERVERS", etcd.clientEndpoint(),
          "KUBLING_PORT", String.valueOf(port));
      try (KublingProcess k = KublingProcess.start(tmp, env, "apiserver",
          "--kubeconfig", kubeconfig.toString())) {
        k.awaitLine(l -> l.equals("export KUBECONFIG=" + kubeconfig), Duration.ofSeconds(120));
        String url = "http://127.0.0.1:" + port;
        assertThat(k.lines()).contains("apiserver ready at " + url);
        await().atMost(Duration.ofSeconds(60))
            .until(() -> Http.status(url + "/readyz") == 200);
        assertThat(kubeconfig).content().contains("server: " + url);
        assertThat(k.children()).as("starts no etcd of its own").isEmpty();

        k.terminate(Duration.ofSeconds(60));
        assertThat(k.lines()).contains("apiserver stopped").noneMatch(l -> l.startsWith("etcd"));
      }
    }
  }
}

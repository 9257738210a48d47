package io.kubling.e2e.quickstart;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubling.agent.host.NodeHosts;
import io.kubling.cli.nodes.NodeNetwork;
import io.kubling.testkit.FreePorts;
import io.kubling.testkit.Kubectl;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first Quick start command, run as written: {@code scripts/cluster-up.sh} from
 * the repository root (only the ports and the data dir moved, by the flags the README names,
 * so it cannot clash with anything else on the machine). It must install nothing more here
 * (the test command already did), reuse the jar the build just made, and start a cluster
 * whose {@code kubectl get nodes} shows both nodes Ready; SIGTERM (what Ctrl-C amounts to)
 * stops it and leaves no node namespace behind. The second command is the one CI runs.
 */
class QuickStartScriptTest {
  private static final Duration START = Duration.ofSeconds(300);

  @TempDir
  Path tmp;

  @Test
  void clusterUpStartsTwoReadyNodesAndStopsClean() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "needs kubectl at " + Kubectl.DEFAULT);
    Path repo = Path.of("").toAbsolutePath().getParent();
    Path jar = repo.resolve("kubling/target/kubling.jar");
    require(Files.isRegularFile(jar), "needs " + jar + " (mvn verify builds it before e2e)");

    Path data = tmp.resolve("data").toAbsolutePath();
    Path out = tmp.resolve("cluster-up.out");
    ProcessBuilder pb = new ProcessBuilder("scripts/cluster-up.sh", "--data-dir", data.toString(),
        "--port", String.valueOf(FreePorts.next()),
        "--etcd-client-port", String.valueOf(FreePorts.next()),
        "--etcd-peer-port", String.valueOf(FreePorts.next()))
        .directory(repo.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().keySet().removeIf(k -> k.startsWith("KUBLING_"));
    Process p = pb.start();
    String prefix = NodeNetwork.prefixFor(data);
    try {
      await().atMost(START).pollInterval(Duration.ofMillis(500))
          .failFast("cluster-up.sh exited:\n" + read(out), () -> !p.isAlive())
          .until(() -> read(out).contains("export KUBECONFIG=" + data.resolve("kubeconfig")));
      assertThat(read(out)).as("no second build after mvn verify")
          .contains("kubling/target/kubling.jar is up to date")
          .doesNotContain("building kubling/target/kubling.jar");

      await().atMost(START).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        String nodes = kubectl(data.resolve("kubeconfig"), "get", "nodes", "--no-headers");
        assertThat(nodes.lines().filter(l -> l.matches("node[12]\\s+Ready\\s.*")).count())
            .as(nodes).isEqualTo(2);
      });
      assertThat(NodeHosts.namespaces(prefix)).contains(prefix + "n1", prefix + "n2");

      p.destroy(); // SIGTERM to the server: the script exec'd it
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("server stopped:\n" + read(out)).isTrue();
      assertThat(NodeHosts.namespaces(prefix)).as("node namespaces removed").isEmpty();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      NodeHosts.sweep(prefix);
    }
  }

  private static String kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Kubectl.DEFAULT,
        "--kubeconfig", kubeconfig.toString()));
    cmd.addAll(List.of(args));
    Process k = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!k.waitFor(30, TimeUnit.SECONDS)) {
      k.destroyForcibly();
      throw new IllegalStateException("kubectl timed out");
    }
    return text;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}

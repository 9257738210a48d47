package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's plain etcdctl flow, run as written (ports changed to the test's): save with
 * etcdctl from a live kubling, stop it, restore with etcdctl into {@code restored/etcd}, start
 * {@code kubling server --data-dir restored}: the same objects, UIDs and resourceVersions.
 */
class ReadmeEtcdctlRestoreTest {
  static final String HEADING = "### With plain etcdctl";

  @TempDir
  Path tmp;

  @Test
  void plainEtcdctlSaveAndRestoreThenKublingOnTheRestoredDir() throws Exception {
    List<String> commands = commands(Files.readString(Path.of("..", "README.md")));
    assertThat(commands).hasSize(5);
    assertThat(commands.get(0)).contains("--cert data/pki/apiserver-etcd-client.crt")
        .contains("snapshot save snap.db");
    assertThat(commands.get(2)).contains("snapshot restore snap.db --data-dir restored/etcd");
    assertThat(commands.get(3)).isEqualTo("cp -r data/pki restored/pki");
    assertThat(commands.get(4)).isEqualTo("kubling server --data-dir restored");

    ClusterFixture c = new ClusterFixture(tmp, "data");
    Map<String, String> before;
    try (KublingProcess k = c.startServer()) {
      c.createShop();
      before = c.identities();
      // Without the etcd client certificate, etcd refuses the same save.
      assertThat(bashFails(c, commands.get(0).replaceAll(" --cert \\S+ --key \\S+", "")))
          .isNotZero();
      bash(c, commands.get(0));
      assertThat(bash(c, commands.get(1))).contains("REVISION");
      c.deleteShop(); // what happens after the snapshot is not in it
      k.terminate(Duration.ofSeconds(60));
    }
    bash(c, commands.get(2));
    bash(c, commands.get(3));

    List<String> args = new ArrayList<>(List.of(commands.get(4).split(" ")).subList(1, 4));
    args.set(2, tmp.resolve(args.get(2)).toString()); // relative to where etcdctl ran
    args.addAll(List.of("--port", String.valueOf(c.apiPort),
        "--etcd-client-port", String.valueOf(c.etcdClientPort),
        "--etcd-peer-port", String.valueOf(c.etcdPeerPort)));
    try (KublingProcess k = KublingProcess.start(tmp, Map.of(), args.toArray(String[]::new))) {
      k.awaitLine(l -> l.startsWith("export KUBECONFIG="), ClusterFixture.START);
      // The PKI came along: the same CA, and the same admin certificate works.
      assertThat(tmp.resolve("restored/pki/ca.crt")).hasSameBinaryContentAs(
          c.data.resolve("pki/ca.crt"));
      assertThat(Http.admin(tmp.resolve("restored"))).isEqualTo(c.url());
      await().atMost(ClusterFixture.START).until(() -> Http.status(c.url() + "/readyz") == 200);
      assertThat(c.identities()).isEqualTo(before);
      k.terminate(Duration.ofSeconds(60));
      assertThat(k.liveDescendants()).isEmpty();
    }
  }

  /** Runs one README line as {@link #bash} does and returns its exit code. */
  private int bashFails(ClusterFixture c, String command) throws Exception {
    String cmd = command.replace("127.0.0.1:2379", "127.0.0.1:" + c.etcdClientPort)
        .replace("snapshot save snap.db", "--dial-timeout 3s --command-timeout 5s"
            + " snapshot save refused.db");
    Process p = new ProcessBuilder("bash", "-c", cmd).directory(tmp.toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("refused.out").toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("did not finish: " + cmd);
    }
    return p.exitValue();
  }

  /** Runs one README line in tmp with the README's ports replaced by the test's. */
  private String bash(ClusterFixture c, String command) throws Exception {
    String cmd = command.replace("127.0.0.1:2379", "127.0.0.1:" + c.etcdClientPort)
        .replace("127.0.0.1:2380", "127.0.0.1:" + c.etcdPeerPort);
    Path out = Files.createTempFile(tmp, "etcdctl-", ".out");
    Process p = new ProcessBuilder("bash", "-c", cmd).directory(tmp.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("did not finish: " + cmd);
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s%n%s", cmd, text).isZero();
    return text;
  }

  /** The lines of the first ```bash block under the heading, comments and blanks dropped. */
  static List<String> commands(String markdown) {
    List<String> lines = markdown.lines().toList();
    int i = lines.indexOf(HEADING);
    assertThat(i).as("README has '%s'", HEADING).isNotNegative();
    while (++i < lines.size() && !lines.get(i).equals("```bash")) {
      assertThat(lines.get(i)).doesNotStartWith("#");
    }
    List<String> commands = new ArrayList<>();
    for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        commands.add(line);
      }
    }
    return commands;
  }
}

package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.testkit.EtcdServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the curl examples of README.md's "Use it with curl" section as written (only the
 * URL's scheme, host and port changed to the test server's), in a dir whose data/pki holds
 * the certificates {@code kubling server} makes, against an API server secured as
 * {@code kubling server} secures it; so the README cannot drift from what works.
 */
class ReadmeCurlTest {
  static final Path README = Path.of("..", "README.md");
  static final String HEADING = "## Use it with curl";
  static final String README_URL = "https://127.0.0.1:6443";

  static EtcdServer etcd;
  static ApiServer server;

  @TempDir
  static Path dir;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startApiServer() throws Exception {
    etcd = EtcdServer.start("kubling-readme");
    try {
      ServerSecurity security = ServerSecurity.prepare(dir.resolve("data"), "10.96.0.0/12",
          List.of(), List.of(), line -> { });
      server = new ApiServer(security.apply(
          ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0)
              .withServingSecurity(security.serving()), false))
          .start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      etcd.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      etcd.close();
    }
  }

  @Test
  void curlExamplesWorkAsWritten() throws Exception {
    List<String> commands = curlCommands(Files.readString(README));
    assertThat(commands).as("curl commands under '%s'", HEADING).hasSize(6)
        .allMatch(c -> c.startsWith("curl "));
    assertThat(server.url()).startsWith("https:");

    List<String> out = new ArrayList<>();
    for (String command : commands) {
      out.add(run(command.replace(README_URL, server.url())));
    }

    assertThat(out.get(0)).as("namespace created")
        .contains("\"kind\":\"Namespace\"", "\"name\":\"demo\"", "\"resourceVersion\"");
    assertThat(out.get(1)).as("pod created")
        .contains("\"kind\":\"Pod\"", "\"name\":\"web\"", "\"namespace\":\"demo\"");
    assertThat(out.get(2)).as("pods listed").contains("\"kind\":\"PodList\"", "\"name\":\"web\"");
    assertThat(out.get(3)).as("pod read").contains("\"kind\":\"Pod\"", "\"name\":\"web\"");
    assertThat(out.get(4).lines()).as("watch events")
        .anyMatch(l -> l.startsWith("{\"type\":\"ADDED\"") && l.contains("\"name\":\"web\""));
    assertThat(out.get(5)).as("pod deleted").contains("\"name\":\"web\"")
        .doesNotContain("\"kind\":\"Status\"");
    assertThat(run("curl --cacert data/pki/ca.crt --cert data/pki/admin.crt"
        + " --key data/pki/admin.key -sS -o /dev/null -w '%{http_code}' " + server.url()
        + "/api/v1/namespaces/demo/pods/web")).isEqualTo("404");
  }

  /** Runs one command with bash, bounded in time; returns stdout and stderr, asserting exit 0. */
  private String run(String command) throws IOException, InterruptedException {
    Path output = Files.createTempFile(tmp, "curl-", ".out");
    Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("did not finish within 60 s: " + command);
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit code of %s%n%s", command, out).isZero();
    return out;
  }

  /**
   * The commands of the first {@code ```bash} block under the heading, comments and blank
   * lines dropped. A command continued with a trailing backslash keeps its lines as they
   * are, so bash reads exactly what the README shows.
   */
  static List<String> curlCommands(String markdown) {
    List<String> lines = markdown.lines().toList();
    int i = lines.indexOf(HEADING);
    assertThat(i).as("README has '%s'", HEADING).isNotNegative();
    while (++i < lines.size() && !lines.get(i).equals("```bash")) {
      assertThat(lines.get(i)).as("a ```bash block right under the heading")
          .doesNotStartWith("#");
    }
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      String line = lines.get(i);
      if (current.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
        continue;
      }
      current.append(line);
      if (line.endsWith("\\")) {
        current.append('\n');
      } else {
        commands.add(current.toString());
        current.setLength(0);
      }
    }
    assertThat(current).as("a command continued past the end of the block").isEmpty();
    return commands;
  }
}

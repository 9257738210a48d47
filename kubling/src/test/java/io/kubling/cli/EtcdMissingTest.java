package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.cli.etcd.EtcdBinary;
import io.kubling.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubling server} on a machine without etcd says, on one line, how to get it. */
class EtcdMissingTest {
  @TempDir
  Path tmp;

  @Test
  void serverWithoutEtcdOnPathPrintsTheFixAndFails() throws Exception {
    Path emptyBin = Files.createDirectory(tmp.resolve("empty-bin"));
    Path data = tmp.resolve("data");
    try (KublingProcess k = KublingProcess.start(tmp, Map.of("PATH", emptyBin.toString()),
        "server", "--data-dir", data.toString(), "--port", String.valueOf(FreePorts.next()))) {
      assertThat(k.awaitExit(Duration.ofSeconds(60))).as("exit code: %s", k).isEqualTo(1);
      assertThat(k.stderr().lines().filter(l -> !l.startsWith("Picked up ")))
          .as("stderr").containsExactly(EtcdBinary.NOT_FOUND);
      assertThat(k.lines()).as("stdout").isEmpty();
      assertThat(data).as("nothing written before the check").doesNotExist();
    }
  }
}

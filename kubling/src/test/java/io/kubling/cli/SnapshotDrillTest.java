package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubling etcd-snapshot drill} on a live server while a bounded writer keeps writing. */
class SnapshotDrillTest {
  static final int MAX_WRITES = 400;
  static final Duration MAX_WRITE_TIME = Duration.ofSeconds(90);
  static final Pattern RPO = Pattern.compile("RPO: (\\d+) revisions, \\S+ since snapshot"
      + " before-drill \\(revision (\\d+)\\)");

  @TempDir
  Path tmp;

  @Test
  void drillPassesUnderWriteLoadAndLeavesNothingBehind() throws Exception {
    ClusterFixture c = new ClusterFixture(tmp, "data");
    Path scratch = tmp.resolve("scratch");
    try (KublingProcess server = c.startServer()) {
      c.createShop();
      assertThat(c.snapshotCommand("save", "--name", "before-drill").process().exitValue())
          .isZero();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger written = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      Thread writer = new Thread(() -> {
        Instant deadline = Instant.now().plus(MAX_WRITE_TIME);
        for (int i = 0; i < MAX_WRITES && !stop.get() && Instant.now().isBefore(deadline); i++) {
          int code = Http.postJson(c.url() + "/api/v1/namespaces/shop/configmaps",
              "{\"metadata\":{\"name\":\"load-" + i + "\"},\"data\":{\"i\":\"" + i + "\"}}")
              .code();
          (code == 201 ? written : failed).incrementAndGet();
        }
      }, "bounded-writer");
      writer.start();
      KublingProcess drill;
      try {
        while (written.get() < 20 && writer.isAlive()) {
          Thread.sleep(20); // the drill starts while writes are flowing
        }
        drill = c.snapshotCommand("drill", "--scratch-dir", scratch.toString());
      } finally {
        stop.set(true);
        writer.join(Duration.ofSeconds(30).toMillis());
      }
      System.out.println("drill output:\n" + String.join("\n", drill.lines()));

      assertThat(drill.process().exitValue()).as("%s", drill).isZero();
      assertThat(drill.lines()).contains("drill passed")
          .anyMatch(l -> l.matches("compared: \\d+ keys at revision \\d+, 0 differences"))
          .anyMatch(l -> l.matches("RTO: [0-9.]+s from restore start to a ready API server"));
      Matcher rpo = drill.lines().stream().map(RPO::matcher).filter(Matcher::matches)
          .findFirst().orElseThrow(() -> new AssertionError("no RPO line: " + drill));
      assertThat(Long.parseLong(rpo.group(1))).as("writes since the saved snapshot")
          .isPositive();
      assertThat(written.get()).isGreaterThanOrEqualTo(20);
      assertThat(failed.get()).isZero();

      // The scratch copy, its etcd and its API server are gone.
      try (var left = Files.list(scratch)) {
        assertThat(left).isEmpty();
      }
      assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
          .map(cmd -> cmd.contains(scratch.toString())).orElse(false))).isEmpty();
      try (var saved = Files.list(c.data.resolve("snapshots"))) {
        assertThat(saved.map(p -> p.getFileName().toString())).as("the drill saves nothing")
            .containsExactlyInAnyOrder("before-drill.db", "before-drill.db.sha256",
                "before-drill.json");
      }

      server.terminate(Duration.ofSeconds(60));
      assertThat(server.liveDescendants()).isEmpty();
    }
  }
}

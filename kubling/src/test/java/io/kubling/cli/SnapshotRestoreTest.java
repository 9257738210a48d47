package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disaster and recovery with {@code kubling server} as a user runs it: save a snapshot, lose
 * a namespace, restore with --cluster-reset (twice in a row), and see corrupted snapshots
 * refused before anything is touched.
 */
class SnapshotRestoreTest {
  @TempDir
  Path tmp;

  @Test
  void restoreBringsBackTheSameObjectsAndRefusesCorruptedSnapshots() throws Exception {
    ClusterFixture c = new ClusterFixture(tmp, "data");
    Map<String, String> before;
    Path snapshot;
    try (KublingProcess k = c.startServer()) {
      c.createShop();
      before = c.identities();

      KublingProcess save = c.snapshotCommand("save", "--name", "before-loss");
      assertThat(save.process().exitValue()).as("%s", save).isZero();
      assertThat(save.lines()).singleElement().asString()
          .startsWith("snapshot before-loss saved: ");
      snapshot = c.data.resolve("snapshots/before-loss.db");
      assertThat(snapshot).isRegularFile();
      assertThat(c.data.resolve("snapshots/before-loss.db.sha256")).isRegularFile();

      c.deleteShop();
      k.terminate(Duration.ofSeconds(60));
      assertThat(k.liveDescendants()).isEmpty();
    }

    // Corrupted snapshots: refused with one line, the data dir exactly as it was.
    Map<String, String> etcdFiles = ClusterFixture.tree(c.data.resolve("etcd"));
    Path flipped = tmp.resolve("flipped.db");
    Files.copy(snapshot, flipped);
    try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
      f.seek(Files.size(flipped) / 2);
      int b = f.read();
      f.seek(Files.size(flipped) / 2);
      f.write(b ^ 0x5a);
    }
    Path truncated = tmp.resolve("truncated.db");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(snapshot), 8192));
    for (Path bad : new Path[] {flipped, truncated}) {
      try (KublingProcess k = KublingProcess.start(tmp, Map.of(),
          c.serverArgs("--cluster-reset", "--cluster-reset-restore-path=" + bad))) {
        assertThat(k.awaitExit(Duration.ofSeconds(60))).as("%s", k).isEqualTo(1);
        assertThat(k.stderr().lines().filter(l -> !l.isBlank()).toList()).singleElement()
            .asString().startsWith("refusing to restore " + bad + ": ")
            .endsWith("; nothing was changed");
        assertThat(k.lines()).noneMatch(l -> l.startsWith("etcd ready"));
      }
      assertThat(ClusterFixture.tree(c.data.resolve("etcd"))).isEqualTo(etcdFiles);
      assertThat(oldDirs(c.data)).isEmpty();
    }

    // Restore, twice in a row: each time the objects come back as they were.
    for (int round = 1; round <= 2; round++) {
      try (KublingProcess k = c.startServer("--cluster-reset",
          "--cluster-reset-restore-path=" + snapshot)) {
        assertThat(k.lines()).anyMatch(l -> l.startsWith("etcd data restored from " + snapshot));
        assertThat(c.identities()).as("round %d", round).isEqualTo(before);
        assertThat(Http.get(c.url() + "/api/v1/namespaces/shop/configmaps/after-restore").code())
            .as("what was written after the snapshot is gone").isEqualTo(404);
        assertThat(oldDirs(c.data)).hasSize(round);

        // The service allocator came back with the services: a new one gets a new address.
        c.post("/api/v1/namespaces/shop/services", """
            {"metadata":{"name":"other"},"spec":{"ports":[{"port":80}]}}""");
        String webIp = ClusterFixture.read(Http.get(c.url()
            + "/api/v1/namespaces/shop/services/web").body()).at("/spec/clusterIP").asText();
        String otherIp = ClusterFixture.read(Http.get(c.url()
            + "/api/v1/namespaces/shop/services/other").body()).at("/spec/clusterIP").asText();
        assertThat(otherIp).isNotEqualTo(webIp);
        c.post("/api/v1/namespaces/shop/configmaps", """
            {"metadata":{"name":"after-restore"}}""");

        k.terminate(Duration.ofSeconds(60));
        assertThat(k.liveDescendants()).isEmpty();
      }
    }
  }

  private static java.util.List<String> oldDirs(Path data) throws Exception {
    try (Stream<Path> s = Files.list(data)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("etcd-old-"))
          .toList();
    }
  }
}

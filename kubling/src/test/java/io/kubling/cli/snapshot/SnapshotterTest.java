package io.kubling.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.kubling.testkit.EtcdServer;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving through jetcd's maintenance API and verifying, against a real etcd and etcdctl. */
class SnapshotterTest {
  static EtcdServer etcd;
  static Client client;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() throws Exception {
    etcd = EtcdServer.start("kubling-snapshotter");
    client = EtcdClients.connect(etcd.clientEndpoints());
    for (int i = 0; i < 20; i++) {
      client.getKVClient().put(bytes("/registry/configmaps/default/cm-" + i), bytes("v" + i))
          .get(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private Snapshotter snapshotter(SnapshotStore store) {
    return new Snapshotter(store, Etcdctl.onPath(), Clock.systemUTC());
  }

  @Test
  void savesPlainAndCompressedWithChecksumAndTheRevisionEtcdReports() throws Exception {
    SnapshotStore store = new SnapshotStore(tmp.resolve("snapshots"));
    long revision = EtcdClients.revision(client, etcd.clientEndpoints());
    SnapshotMeta plain = snapshotter(store).save(client, "plain", false);
    SnapshotMeta packed = snapshotter(store).save(client, "packed", true);

    assertThat(plain.revision()).isEqualTo(revision);
    assertThat(packed.compressed()).isTrue();
    assertThat(packed.size()).isLessThan(plain.size());
    assertThat(store.list()).extracting(SnapshotMeta::name).containsExactly("plain", "packed");
    assertThat(Sha256.hex(store.fileOf(plain))).isEqualTo(plain.sha256());
    assertThat(store.dir().resolve("packed.db.gz.sha256"))
        .hasContent(packed.sha256() + "  packed.db.gz");
    try (var files = Files.list(store.dir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temp files left").noneMatch(n -> n.startsWith("."));
    }

    SnapshotVerifier verifier = new SnapshotVerifier(Etcdctl.onPath());
    try (SnapshotVerifier.Verified v = verifier.verify(store.fileOf(packed), tmp)) {
      assertThat(v.status().revision()).isEqualTo(revision);
      assertThat(v.temporary()).isTrue();
    }
    assertThatThrownBy(() -> snapshotter(store).save(client, "plain", false))
        .hasMessageContaining("a snapshot named plain exists");
  }

  @Test
  void corruptedOrTruncatedSnapshotsAreRefusedSayingWhy() throws Exception {
    SnapshotStore store = new SnapshotStore(tmp.resolve("snapshots"));
    Path good = store.fileOf(snapshotter(store).save(client, "good", false));
    SnapshotVerifier verifier = new SnapshotVerifier(Etcdctl.onPath());

    // One flipped byte in the middle, no sidecar: etcd's own trailer catches it.
    Path flipped = tmp.resolve("flipped.db");
    Files.copy(good, flipped);
    try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
      f.seek(Files.size(flipped) / 2);
      int b = f.read();
      f.seek(Files.size(flipped) / 2);
      f.write(b ^ 0xff);
    }
    assertThatThrownBy(() -> verifier.verify(flipped, tmp)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("the file is corrupted");

    Path truncated = tmp.resolve("truncated.db");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(good), 16_384));
    assertThatThrownBy(() -> verifier.verify(truncated, tmp))
        .hasMessageContaining("truncated or not from etcd's snapshot API");

    // A damaged copy beside the kubling .sha256 of the original: the sidecar catches it.
    Files.copy(flipped, good, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> verifier.verify(good, tmp)).hasMessageContaining("sha256 mismatch");

    assertThatThrownBy(() -> verifier.verify(tmp.resolve("missing.db"), tmp))
        .hasMessageContaining("no such file");
  }

  @Test
  void theKeyspaceReadsEveryKeyAcrossPagesAtARevision() throws Exception {
    long before = EtcdClients.revision(client, etcd.clientEndpoints());
    List<KeyValue> all = Keyspace.at(client, before, "live");
    for (int i = 0; i < Keyspace.PAGE + 5; i++) {
      client.getKVClient().put(bytes("/registry/leases/x/l-" + i), bytes("v"))
          .get(10, TimeUnit.SECONDS);
    }
    assertThat(Keyspace.at(client, before, "live")).hasSize(all.size());
    long after = EtcdClients.revision(client, etcd.clientEndpoints());
    assertThat(Keyspace.at(client, after, "live")).hasSize(all.size() + Keyspace.PAGE + 5)
        .isSortedAccordingTo((a, b) -> java.util.Arrays.compareUnsigned(a.key(), b.key()));
  }
}

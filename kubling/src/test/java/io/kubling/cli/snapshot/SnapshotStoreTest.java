package io.kubling.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotStoreTest {
  @TempDir
  Path tmp;

  private static SnapshotMeta meta(String name, int minute) {
    return new SnapshotMeta(name, name + ".db", 10, minute, Instant.parse("2024-03-10T10:00:00Z")
        .plusSeconds(60L * minute), "00", false);
  }

  @Test
  void pruneKeepsTheNewestOfThoseWithThePrefix() {
    List<SnapshotMeta> all = List.of(meta("etcd-snapshot-3", 3), meta("etcd-snapshot-1", 1),
        meta("on-demand-0", 0), meta("etcd-snapshot-2", 2), meta("etcd-snapshot-4", 4));
    assertThat(SnapshotStore.toPrune(all, 2, "etcd-snapshot-"))
        .containsExactly("etcd-snapshot-1", "etcd-snapshot-2");
    assertThat(SnapshotStore.toPrune(all, 2, "")).containsExactly("on-demand-0",
        "etcd-snapshot-1", "etcd-snapshot-2");
    assertThat(SnapshotStore.toPrune(all, 5, "")).isEmpty();
    assertThatThrownBy(() -> SnapshotStore.toPrune(all, 0, "")).hasMessageContaining("at least 1");
  }

  @Test
  void recordsListAndDeletesWithTheFilesBeside() throws Exception {
    SnapshotStore store = new SnapshotStore(tmp.resolve("snapshots"));
    assertThat(store.list()).isEmpty();
    Files.createDirectories(store.dir());
    for (SnapshotMeta m : List.of(meta("b", 2), meta("a", 1))) {
      Files.writeString(store.fileOf(m), "db");
      store.record(m);
    }
    Files.writeString(store.dir().resolve("junk.json"), "{not json");
    assertThat(store.list()).extracting(SnapshotMeta::name).containsExactly("a", "b");
    assertThat(store.dir().resolve("a.db.sha256")).hasContent("00  a.db");
    assertThat(store.newest()).map(SnapshotMeta::name).contains("b");

    assertThat(store.delete("a")).isTrue();
    assertThat(store.delete("a")).isFalse();
    assertThat(store.dir().resolve("a.db")).doesNotExist();
    assertThat(store.dir().resolve("a.db.sha256")).doesNotExist();
    assertThat(store.prune(1, "")).isEmpty();
    assertThat(store.list()).extracting(SnapshotMeta::name).containsExactly("b");
  }

  @Test
  void metadataSurvivesJson() throws Exception {
    SnapshotMeta m = new SnapshotMeta("n", "n.db.gz", 42, 7, Instant.parse("2024-03-10T10:00:01.5Z"),
        "abc", true);
    assertThat(SnapshotMeta.fromJson(m.toJson())).isEqualTo(m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "", ".hidden", "-x", "a b"})
  void namesThatCouldEscapeOrConfuseAreRefused(String name) {
    assertThatThrownBy(() -> SnapshotMeta.checkName(name))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

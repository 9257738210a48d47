package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The snapshots dir, {@code <data-dir>/snapshots}: per snapshot its file, {@code <file>.sha256}
 * (sha256sum's format, so {@code sha256sum -c} checks it) and {@code <name>.json}. The JSON
 * is written last, so a snapshot is listed only once it is complete.
 */
public final class SnapshotStore {
  static final Comparator<SnapshotMeta> OLDEST_FIRST =
      Comparator.comparing(SnapshotMeta::time).thenComparing(SnapshotMeta::name);

  private final Path dir;

  public SnapshotStore(Path dir) {
    this.dir = requireNonNull(dir, "dir should not be null").toAbsolutePath().normalize();
  }

  /** {@code <data-dir>/snapshots}. */
  public static SnapshotStore inDataDir(Path dataDir) {
    return new SnapshotStore(dataDir.resolve("snapshots"));
  }

  public Path dir() {
    return dir;
  }

  public Path fileOf(SnapshotMeta meta) {
    return dir.resolve(meta.file());
  }

  /** Every complete snapshot, oldest first. A metadata file that cannot be read is skipped. */
  public List<SnapshotMeta> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<SnapshotMeta> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        try {
          all.add(SnapshotMeta.fromJson(Files.readString(p, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException unreadable) {
          // not ours, or half-edited by hand: ls shows what it can read
        }
      }
    }
    all.sort(OLDEST_FIRST);
    return all;
  }

  public Optional<SnapshotMeta> find(String name) throws IOException {
    return list().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public Optional<SnapshotMeta> newest() throws IOException {
    List<SnapshotMeta> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  boolean exists(String name) {
    return Files.exists(dir.resolve(name + ".json"))
        || Files.exists(dir.resolve(SnapshotMeta.fileName(name, false)))
        || Files.exists(dir.resolve(SnapshotMeta.fileName(name, true)));
  }

  /** Records a snapshot whose file is already in place: its .sha256, then its .json. */
  void record(SnapshotMeta meta) throws IOException {
    AtomicFiles.writeString(dir.resolve(meta.file() + ".sha256"),
        meta.sha256() + "  " + meta.file() + "\n");
    AtomicFiles.writeString(dir.resolve(meta.name() + ".json"), meta.toJson());
  }

  /** Deletes a snapshot's files, its metadata first; false when there is no such snapshot. */
  public boolean delete(String name) throws IOException {
    SnapshotMeta.checkName(name);
    Optional<SnapshotMeta> meta = find(name);
    if (meta.isEmpty()) {
      return false;
    }
    Files.deleteIfExists(dir.resolve(name + ".json"));
    Files.deleteIfExists(dir.resolve(meta.get().file() + ".sha256"));
    Files.deleteIfExists(dir.resolve(meta.get().file()));
    AtomicFiles.fsyncDir(dir);
    return true;
  }

  /**
   * Keeps the newest {@code retention} snapshots whose names start with {@code prefix}
   * (empty: all) and deletes the older ones; returns the names deleted.
   */
  public List<String> prune(int retention, String prefix) throws IOException {
    List<String> doomed = toPrune(list(), retention, prefix);
    for (String name : doomed) {
      delete(name);
    }
    return doomed;
  }

  /** Which snapshots a prune deletes: pure, oldest first. */
  static List<String> toPrune(List<SnapshotMeta> all, int retention, String prefix) {
    if (retention < 1) {
      throw new IllegalArgumentException("retention must be at least 1");
    }
    List<SnapshotMeta> matching = all.stream().filter(m -> m.name().startsWith(prefix))
        .sorted(OLDEST_FIRST).toList();
    int extra = Math.max(0, matching.size() - retention);
    return matching.subList(0, extra).stream().map(SnapshotMeta::name).toList();
  }
}

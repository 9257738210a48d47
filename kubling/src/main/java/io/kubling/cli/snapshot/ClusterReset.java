package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import io.kubling.cli.etcd.EtcdConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code kubling server --cluster-reset}: replaces {@code <data-dir>/etcd} with the content of
 * a snapshot. The snapshot is verified first and restored into a staging dir beside it; only
 * then is the old dir moved aside as {@code etcd-old-<timestamp>} and the staging dir put in
 * its place, so a refused or failed restore leaves the old data exactly as it was. etcd is
 * not running meanwhile; when it starts it listens on loopback only, as it always does.
 */
public final class ClusterReset {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** What a reset did: the revision restored and where the old data went (null: none). */
  public record Result(long revision, long keys, Path oldDataDir) {}

  private final Etcdctl etcdctl;
  private final Clock clock;

  public ClusterReset(Etcdctl etcdctl, Clock clock) {
    this.etcdctl = requireNonNull(etcdctl, "etcdctl should not be null");
    this.clock = requireNonNull(clock, "clock should not be null");
  }

  /**
   * Restores {@code snapshot} as {@code <dataDir>/etcd} for a member whose peer URL will be
   * {@code peerUrl}. Throws {@link SnapshotException} ("refusing to restore …") before
   * touching anything when the snapshot does not verify.
   */
  public Result run(Path snapshot, Path dataDir, String peerUrl) {
    Path etcdDir = dataDir.resolve("etcd");
    SnapshotVerifier.Verified verified;
    try {
      verified = new SnapshotVerifier(etcdctl).verify(snapshot, dataDir);
    } catch (SnapshotException e) {
      throw new SnapshotException("refusing to restore " + snapshot + ": " + e.getMessage()
          + "; nothing was changed");
    }
    String stamp = STAMP.format(clock.instant());
    Path staging = unused(dataDir, "etcd-restore-" + stamp);
    try (verified) {
      restoreInto(verified.db(), staging, peerUrl);
      Path old = null;
      if (Files.exists(etcdDir)) {
        old = unused(dataDir, "etcd-old-" + stamp);
        Files.move(etcdDir, old);
      }
      Files.move(staging, etcdDir);
      AtomicFiles.fsyncDir(dataDir);
      return new Result(verified.status().revision(), verified.status().totalKeys(), old);
    } catch (IOException e) {
      deleteTree(staging);
      throw new SnapshotException("cannot put the restored data in place: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
  }

  /** etcdctl snapshot restore into {@code target}, which must not exist yet. */
  void restoreInto(Path db, Path target, String peerUrl) {
    etcdctl.restore(db, target, EtcdConfig.NAME, peerUrl);
  }

  /** {@code dir/base}, or {@code dir/base-2}, {@code -3}… when that is taken. */
  static Path unused(Path dir, String base) {
    Path p = dir.resolve(base);
    for (int n = 2; Files.exists(p); n++) {
      p = dir.resolve(base + "-" + n);
    }
    return p;
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a dir of our own
    }
  }
}

package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Takes snapshots through etcd's maintenance API (jetcd) into a {@link SnapshotStore}. The
 * stream lands in a temp file that etcd's own check must accept before it is compressed,
 * fsynced and renamed into place; then its .sha256 and .json are written.
 */
public final class Snapshotter {
  static final long TIMEOUT_SECONDS = 600;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final SnapshotStore store;
  private final SnapshotVerifier verifier;
  private final Clock clock;

  public Snapshotter(SnapshotStore store, Etcdctl etcdctl, Clock clock) {
    this.store = requireNonNull(store, "store should not be null");
    this.verifier = new SnapshotVerifier(requireNonNull(etcdctl, "etcdctl should not be null"));
    this.clock = requireNonNull(clock, "clock should not be null");
  }

  /** A default name: {@code <prefix>-<UTC yyyyMMdd-HHmmss>}, e.g. on-demand-20240310-120000. */
  public String defaultName(String prefix) {
    return prefix + "-" + STAMP.format(clock.instant());
  }

  /** Saves a snapshot of the etcd {@code client} talks to; refuses a name already taken. */
  public SnapshotMeta save(Client client, String name, boolean compress) {
    SnapshotMeta.checkName(name);
    if (store.exists(name)) {
      throw new SnapshotException("a snapshot named " + name + " exists in " + store.dir());
    }
    Path raw = null;
    Path packed = null;
    try {
      Files.createDirectories(store.dir());
      raw = Files.createTempFile(store.dir(), "." + name, ".part");
      Instant time = clock.instant();
      try (OutputStream out = Files.newOutputStream(raw)) {
        client.getMaintenanceClient().snapshot(out).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      Etcdctl.Status status;
      try (SnapshotVerifier.Verified v = verifier.verify(raw, store.dir())) {
        status = v.status();
      }
      Path file = raw;
      if (compress) {
        packed = Files.createTempFile(store.dir(), "." + name, ".gz.part");
        try (InputStream in = Files.newInputStream(raw);
            OutputStream out = new GZIPOutputStream(Files.newOutputStream(packed), 1 << 16)) {
          in.transferTo(out);
        }
        file = packed;
      }
      String fileName = SnapshotMeta.fileName(name, compress);
      SnapshotMeta meta = new SnapshotMeta(name, fileName, Files.size(file), status.revision(),
          time, Sha256.hex(file), compress);
      AtomicFiles.moveDurably(file, store.dir().resolve(fileName));
      store.record(meta);
      return meta;
    } catch (ExecutionException e) {
      throw new SnapshotException("etcd did not send a snapshot: " + rootMessage(e), e);
    } catch (TimeoutException e) {
      throw new SnapshotException("etcd did not send a snapshot within " + TIMEOUT_SECONDS + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("interrupted while saving a snapshot");
    } catch (IOException e) {
      throw new SnapshotException("cannot write the snapshot in " + store.dir() + ": "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(raw);
      deleteQuietly(packed);
    }
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temp file of our own
      }
    }
  }
}

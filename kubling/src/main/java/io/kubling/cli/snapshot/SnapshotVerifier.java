package io.kubling.cli.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * Checks a snapshot file before anything trusts it, each check naming what failed: the
 * sha256 beside it (when there is one), gzip's own CRC for a compressed file, the sha256
 * trailer that etcd's snapshot API appends (the one {@code etcdctl snapshot restore}
 * checks), and {@code etcdctl snapshot status} reading every key.
 */
public final class SnapshotVerifier {
  /** etcd appends sha256 of the bbolt file; bbolt files are whole pages, so size % 512 = 32. */
  static final int TRAILER = 32;

  private final Etcdctl etcdctl;

  public SnapshotVerifier(Etcdctl etcdctl) {
    this.etcdctl = etcdctl;
  }

  /**
   * A verified snapshot: the plain bbolt file to restore from (a temp copy when the original
   * was compressed, deleted on close) and what etcd says about it.
   */
  public record Verified(Path db, Etcdctl.Status status, boolean temporary)
      implements AutoCloseable {
    @Override
    public void close() {
      if (temporary) {
        try {
          Files.deleteIfExists(db);
        } catch (IOException ignored) {
          // our own temp file
        }
      }
    }
  }

  /**
   * Verifies {@code file}; a compressed one is unpacked into {@code scratchDir}. Throws
   * {@link SnapshotException} whose message says which check failed.
   */
  public Verified verify(Path file, Path scratchDir) {
    if (!Files.isRegularFile(file)) {
      throw new SnapshotException("no such file");
    }
    try {
      if (Files.size(file) == 0) {
        throw new SnapshotException("the file is empty");
      }
      checkSidecar(file);
      Path db = file;
      boolean temporary = false;
      if (isGzip(file)) {
        Files.createDirectories(scratchDir);
        db = Files.createTempFile(scratchDir, ".restore-", ".db");
        temporary = true;
        gunzip(file, db);
      }
      try {
        checkTrailer(db);
        return new Verified(db, etcdctl.status(db), temporary);
      } catch (RuntimeException e) {
        if (temporary) {
          Files.deleteIfExists(db);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new SnapshotException("cannot read it: " + e.getMessage(), e);
    }
  }

  /** The sha256 in {@code <file>.sha256}, as sha256sum writes it, must match. */
  static void checkSidecar(Path file) throws IOException {
    Path sidecar = file.resolveSibling(file.getFileName() + ".sha256");
    if (!Files.isRegularFile(sidecar)) {
      return;
    }
    String[] words = Files.readString(sidecar, StandardCharsets.UTF_8).strip().split("\\s+");
    String actual = Sha256.hex(file);
    if (words.length == 0 || !words[0].equalsIgnoreCase(actual)) {
      throw new SnapshotException("sha256 mismatch with " + sidecar.getFileName() + ": the file"
          + " has " + actual + ", expected " + (words.length == 0 ? "(empty)" : words[0]));
    }
  }

  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static void gunzip(Path from, Path to) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(from), 1 << 16);
        OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new SnapshotException("the compressed file is damaged (" + e.getMessage() + ")");
    }
  }

  /** etcd's own hash at the end of the snapshot must match the bytes before it. */
  static void checkTrailer(Path db) throws IOException {
    long size = Files.size(db);
    if (size % 512 != TRAILER) {
      throw new SnapshotException("it is truncated or not from etcd's snapshot API: "
          + size + " bytes, no sha256 trailer where etcd puts it");
    }
    byte[] expected = new byte[TRAILER];
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "r")) {
      f.seek(size - TRAILER);
      f.readFully(expected);
    }
    byte[] actual = Sha256.digestOf(db, size - TRAILER);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new SnapshotException("etcd's sha256 trailer does not match the content:"
          + " the file is corrupted");
    }
  }
}

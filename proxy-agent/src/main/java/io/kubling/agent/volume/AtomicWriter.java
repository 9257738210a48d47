package io.kubling.agent.volume;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a volume's files so that readers never see a half-written set, as the kubelet's
 * AtomicWriter does: the files go into a fresh timestamped directory, the {@code ..data}
 * symlink is swapped to it with one rename, and each visible name is a symlink through
 * {@code ..data}. A process that has the directory bind-mounted sees every update.
 */
public final class AtomicWriter {
  static final String DATA = "..data";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.");

  private AtomicWriter() {}

  /** Makes dir hold exactly files (name to content): directories 0755, files 0644. */
  public static void write(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path fresh = Files.createTempDirectory(dir, LocalDateTime.now(ZoneOffset.UTC).format(STAMP));
    Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path file = fresh.resolve(f.getKey());
      Files.write(file, f.getValue());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path data = dir.resolve(DATA);
    Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
    Path tmp = dir.resolve(DATA + "_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, fresh.getFileName());
    // rename(2) replaces the old link in one step: readers see the old set or the new one.
    Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (String name : files.keySet()) {
      Path visible = dir.resolve(name);
      if (!Files.exists(visible, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createSymbolicLink(visible, Path.of(DATA, name));
        } catch (FileAlreadyExistsException racing) {
          // made meanwhile: it points through ..data all the same
        }
      }
    }
    if (old != null && !old.getFileName().equals(fresh.getFileName())) {
      deleteTree(old);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}

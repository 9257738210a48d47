package io.kubling.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temp directories tests make, deepest entries first. */
public final class TempDirs {
  private TempDirs() {}

  /** Removes dir and everything under it; fails when it cannot be walked. */
  public static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #deleteTree}, best effort (at JVM exit, or when the dir may already be gone). */
  public static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (UncheckedIOException ignored) {
      // the dir is ours alone; nothing else to do
    }
  }
}

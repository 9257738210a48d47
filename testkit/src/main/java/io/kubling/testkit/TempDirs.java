package io.kubling.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temp directories tests make (deepest entries first), and reading their logs. */
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

  /**
   * Prints the last lines of a log a test's processes wrote into its temp dir, under a
   * "---- title (tail)" line, so a failure in CI shows what they said; nothing if it is absent.
   */
  public static void printTail(Path log, String title, int lines) {
    if (!Files.exists(log)) {
      return;
    }
    try {
      java.util.List<String> all = Files.readAllLines(log);
      System.out.println("---- " + title + " (tail)");
      all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
    } catch (IOException e) {
      System.out.println("---- " + title + ": unreadable: " + e);
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

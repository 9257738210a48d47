package io.kubling.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubelet's layout: timestamped dir, ..data symlink, visible names through ..data. */
class AtomicWriterTest {
  static Map<String, byte[]> files(String token) {
    return Map.of("token", token.getBytes(StandardCharsets.UTF_8),
        "namespace", "team".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUpdateSwapsDataToANewDirectoryAndRemovesTheOld(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("vol");
    AtomicWriter.write(dir, files("one"));
    Path first = Files.readSymbolicLink(dir.resolve("..data"));
    assertThat(first.toString()).startsWith("..").doesNotContain("/");
    assertThat(Files.readSymbolicLink(dir.resolve("token"))).isEqualTo(Path.of("..data/token"));
    assertThat(Files.readString(dir.resolve("token"))).isEqualTo("one");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve("token")))).isEqualTo("rw-r--r--");

    AtomicWriter.write(dir, files("two"));
    Path second = Files.readSymbolicLink(dir.resolve("..data"));
    assertThat(second).isNotEqualTo(first);
    assertThat(Files.readString(dir.resolve("token"))).isEqualTo("two");
    assertThat(Files.readString(dir.resolve("namespace"))).isEqualTo("team");
    assertThat(Files.exists(dir.resolve(first))).isFalse();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("..data", second.toString(), "token", "namespace");
    }
  }

  /** A reader holding the directory open keeps reading whole sets while updates go on. */
  @Test
  void readersNeverSeeAHalfWrittenSet(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("vol");
    AtomicWriter.write(dir, files("t0"));
    Thread writer = new Thread(() -> {
      try {
        for (int i = 1; i <= 200; i++) {
          AtomicWriter.write(dir, files("t" + i));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    int reads = 0;
    try {
      while (writer.isAlive() && reads < 100_000) {
        String t;
        try {
          t = Files.readString(dir.resolve("token"));
        } catch (java.nio.file.NoSuchFileException e) {
          // As with the kubelet's volumes: an open() that resolved ..data just before the
          // swap can find the old directory gone; readers retry. What must never happen is a
          // token read from a half-written set.
          continue;
        }
        assertThat(t).matches("t\\d+");
        reads++;
      }
    } finally {
      // Also when a read fails: the writer must not outlive the test and its temp dir.
      writer.join(60_000);
    }
    assertThat(Files.readString(dir.resolve("token"))).isEqualTo("t200");
  }
}

package io.kubling.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of each thread of this JVM, JIT compiler and GC threads included, read from
 * Linux's /proc/self/task: which thread a benchmark's CPU went to (e.g. C2 still compiling
 * while samples are taken). Empty where /proc is not there.
 */
final class TaskCpu {
  private static final long MILLIS_PER_TICK = 10; // USER_HZ is 100 on Linux

  private TaskCpu() {}

  /** Milliseconds of CPU so far per "tid:name". */
  static Map<String, Long> snapshot() {
    Map<String, Long> out = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          // Fields after the name: state is the first; utime and stime the 12th and 13th.
          String[] f = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          out.put(t.getFileName() + ":" + name, ticks * MILLIS_PER_TICK);
        } catch (IOException | RuntimeException e) {
          // The thread ended meanwhile.
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** The busiest threads between two snapshots, one line each. */
  static String busiest(Map<String, Long> before, Map<String, Long> after, int n) {
    StringBuilder b = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .limit(n)
        .forEach(e -> b.append("cpu ").append(e.getKey()).append(' ').append(e.getValue())
            .append(" ms\n"));
    return b.toString();
  }
}

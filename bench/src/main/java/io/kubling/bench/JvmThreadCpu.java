package io.kubling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the JVM's own threads (JIT compilers, garbage collector, the rest of the VM),
 * read from /proc/self/task on Linux: ThreadMXBean does not see them, so {@link ThreadCpu}
 * can only show them together as "gc+jit+vm". Clock-tick resolution (10 ms), fine over a
 * round of several seconds. Empty elsewhere.
 */
final class JvmThreadCpu {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux
  private final Map<String, Long> nanosByKind;

  private JvmThreadCpu(Map<String, Long> nanosByKind) {
    this.nanosByKind = nanosByKind;
  }

  static JvmThreadCpu now() {
    Map<String, Long> byKind = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return new JvmThreadCpu(byKind);
    }
    try (Stream<Path> all = Files.list(tasks)) {
      all.forEach(t -> {
        try {
          String kind = kind(Files.readString(t.resolve("comm")).strip());
          if (kind == null) {
            return;
          }
          String stat = Files.readString(t.resolve("stat"));
          // Fields after the ")" closing the name: state is field 3, utime 14, stime 15.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          byKind.merge(kind, ticks * TICK_NANOS, Long::sum);
        } catch (IOException | RuntimeException gone) {
          // The thread ended between listing and reading: its time is lost to both ends.
        }
      });
    } catch (IOException e) {
      return new JvmThreadCpu(byKind);
    }
    return new JvmThreadCpu(byKind);
  }

  /** jit, gc or vm for the JVM's own threads; null for Java threads (ThreadCpu has them). */
  private static String kind(String comm) {
    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
      return "jit";
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Periodic")
        || comm.startsWith("VM Thread")) {
      return comm.startsWith("VM") ? "vm" : "gc";
    }
    return null;
  }

  /** e.g. "jit=0.120 gc=0.050 vm=0.002" in ms per object since earlier. */
  String perObjectSince(JvmThreadCpu earlier, long objects) {
    StringBuilder b = new StringBuilder();
    for (String kind : new String[] {"jit", "gc", "vm"}) {
      long d = nanosByKind.getOrDefault(kind, 0L) - earlier.nanosByKind.getOrDefault(kind, 0L);
      b.append(String.format(Locale.ROOT, "%s%s=%.3f", b.length() == 0 ? "" : " ", kind,
          d / 1e6 / Math.max(1, objects)));
    }
    return b.toString();
  }
}

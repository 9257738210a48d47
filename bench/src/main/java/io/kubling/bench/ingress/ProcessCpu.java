package io.kubling.bench.ingress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of another process (Linux), for the nginx reference of the ingress bench. From
 * /proc/PID/schedstat where the kernel has it (nanoseconds of the process's main thread on a
 * CPU; an nginx worker has one thread), else utime + stime of /proc/PID/stat, counted in clock
 * ticks (getconf CLK_TCK, normally 100: 10 ms a tick, a few per cent of a round's CPU). The
 * user-mode part comes from utime alone, in ticks, as the JVM's own thread user time does.
 */
final class ProcessCpu {
  static final boolean SCHEDSTAT = Files.isReadable(Path.of("/proc/self/schedstat"));
  static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1) / clockTicks();

  private ProcessCpu() {}

  /** Where the figures come from, for the bench's output. */
  static String source() {
    return SCHEDSTAT ? "/proc/<pid>/schedstat, ns"
        : "/proc/<pid>/stat utime+stime, ticks of " + TICK_NANOS / 1_000_000 + " ms";
  }

  /** CPU nanoseconds pid has used so far, or -1 when it is gone or unreadable. */
  static long nanos(long pid) {
    try {
      if (SCHEDSTAT) {
        String s = Files.readAllLines(Path.of("/proc", Long.toString(pid), "schedstat")).get(0);
        return Long.parseLong(s.strip().split("\\s+")[0]);
      }
      String[] f = statFields(pid);
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  /** User-mode CPU nanoseconds pid has used so far (utime, in ticks), or -1. */
  static long userNanos(long pid) {
    try {
      return Long.parseLong(statFields(pid)[11]) * TICK_NANOS;
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  private static String[] statFields(long pid) throws IOException {
    String stat = Files.readAllLines(Path.of("/proc", Long.toString(pid), "stat")).get(0);
    // The command name, in parentheses, may hold spaces: count fields after its ')', so
    // [0] is the state (field 3 of proc(5)), [11] utime and [12] stime.
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | RuntimeException e) {
      // no getconf: Linux's USER_HZ is 100 on every common architecture
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}

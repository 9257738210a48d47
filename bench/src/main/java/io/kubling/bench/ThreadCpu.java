package io.kubling.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time per thread of this JVM, so a benchmark can say which thread a window's CPU went to
 * (an API server event loop, the scheduling loop, a client's event loop...): on a machine with
 * two cores, one busy thread is a ceiling that no amount of spare work elsewhere lifts.
 */
final class ThreadCpu {
  private final Map<Long, Long> nanos;
  private final Map<Long, String> names;
  private final Map<Long, Long> allocated;
  private final long processNanos;
  private final long gcCount;
  private final long gcMillis;

  private ThreadCpu(Map<Long, Long> nanos, Map<Long, String> names, Map<Long, Long> allocated,
      long processNanos) {
    this.nanos = nanos;
    this.names = names;
    this.allocated = allocated;
    this.processNanos = processNanos;
    long count = 0;
    long millis = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    this.gcCount = count;
    this.gcMillis = millis;
  }

  static ThreadCpu now() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> allocated = new HashMap<>();
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        nanos.put(info.getThreadId(), cpu);
        names.put(info.getThreadId(), info.getThreadName());
      }
      if (mx instanceof com.sun.management.ThreadMXBean sun) {
        long bytes = sun.getThreadAllocatedBytes(info.getThreadId());
        if (bytes >= 0) {
          allocated.put(info.getThreadId(), bytes);
          names.putIfAbsent(info.getThreadId(), info.getThreadName());
        }
      }
    }
    return new ThreadCpu(nanos, names, allocated, CpuTime.processNanos());
  }

  /**
   * The busiest threads since {@code earlier}, as "name=seconds" (each thread's own line,
   * numbered names kept apart so one event loop is told from the others), over a window of
   * {@code windowNanos}.
   */
  String busiestSince(ThreadCpu earlier, long windowNanos, int top) {
    Map<String, Long> byThread = new TreeMap<>();
    nanos.forEach((id, n) -> {
      long d = n - earlier.nanos.getOrDefault(id, 0L);
      if (d > 0) {
        byThread.merge(names.get(id) + "#" + id, d, Long::sum);
      }
    });
    return byThread.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .map(e -> String.format(Locale.ROOT, "%s=%.2fs(%.0f%%)", e.getKey(), e.getValue() / 1e9,
            100.0 * e.getValue() / windowNanos))
        .collect(Collectors.joining(" "));
  }

  /**
   * CPU per object since {@code earlier} by kind of thread, as "group=ms": numbered pool
   * threads fold into one group (their hashed pool prefix dropped), event loops stay apart by
   * thread id (the API server's loop is not the clients'), and what the JVM used outside its
   * Java threads (garbage collection, JIT, JFR) shows as "gc+jit+vm".
   */
  String perObjectByGroup(ThreadCpu earlier, int objects, int top) {
    return byGroup(nanos, earlier.nanos, earlier, objects, top, 1e6, "%s=%.3f")
        + String.format(Locale.ROOT, "; %d collections, %d ms", gcCount - earlier.gcCount,
            gcMillis - earlier.gcMillis);
  }

  /**
   * Heap allocated per object since {@code earlier} by kind of thread, in KiB: unlike CPU time,
   * this hardly moves with the machine's load, so it tells a change's effect on a busy machine.
   */
  String allocatedPerObjectByGroup(ThreadCpu earlier, int objects, int top) {
    return byGroup(allocated, earlier.allocated, null, objects, top, 1024, "%s=%.1f");
  }

  private String byGroup(Map<Long, Long> now, Map<Long, Long> before, ThreadCpu cpuEarlier,
      int objects, int top, double unit, String format) {
    Map<String, Long> byGroup = new HashMap<>();
    long javaThreads = 0;
    long total = 0;
    for (Map.Entry<Long, Long> e : now.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d <= 0) {
        continue;
      }
      javaThreads += d;
      total += d;
      String name = names.get(e.getKey());
      String group = name.startsWith("vert.x-eventloop") ? name + "#" + e.getKey()
          : name.replaceFirst("^-?\\d+-", "").replaceAll("-\\d+$", "-*");
      byGroup.merge(group, d, Long::sum);
    }
    if (cpuEarlier != null && processNanos > 0 && cpuEarlier.processNanos > 0) {
      long vm = processNanos - cpuEarlier.processNanos - javaThreads;
      byGroup.put("gc+jit+vm", vm);
      total += vm;
    }
    return String.format(Locale.ROOT, format, "total", total / unit / objects) + " "
        + byGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .map(e -> String.format(Locale.ROOT, format, e.getKey(), e.getValue() / unit / objects))
        .collect(Collectors.joining(" "));
  }
}

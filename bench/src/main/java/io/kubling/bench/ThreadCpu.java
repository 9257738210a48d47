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
  private final long processNanos;
  private final long gcCount;
  private final long gcMillis;

  private ThreadCpu(Map<Long, Long> nanos, Map<Long, String> names, long processNanos) {
    this.nanos = nanos;
    this.names = names;
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
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        nanos.put(info.getThreadId(), cpu);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return new ThreadCpu(nanos, names, CpuTime.processNanos());
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
    Map<String, Long> byGroup = new HashMap<>();
    long javaThreads = 0;
    for (Map.Entry<Long, Long> e : nanos.entrySet()) {
      long d = e.getValue() - earlier.nanos.getOrDefault(e.getKey(), 0L);
      if (d <= 0) {
        continue;
      }
      javaThreads += d;
      String name = names.get(e.getKey());
      String group = name.startsWith("vert.x-eventloop") ? name + "#" + e.getKey()
          : name.replaceFirst("^-?\\d+-", "").replaceAll("-\\d+$", "-*");
      byGroup.merge(group, d, Long::sum);
    }
    if (processNanos > 0 && earlier.processNanos > 0) {
      byGroup.put("gc+jit+vm", processNanos - earlier.processNanos - javaThreads);
    }
    return byGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .map(e -> String.format(Locale.ROOT, "%s=%.3f", e.getKey(), e.getValue() / 1e6 / objects))
        .collect(Collectors.joining(" ")) + String.format(Locale.ROOT,
            "; %d collections, %d ms", gcCount - earlier.gcCount, gcMillis - earlier.gcMillis);
  }
}

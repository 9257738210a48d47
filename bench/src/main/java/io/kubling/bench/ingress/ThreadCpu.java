package io.kubling.bench.ingress;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CPU time by thread. The proxy, the backend and the load share this JVM and all name their
 * threads vert.x-eventloop-thread-N, so the proxy's threads are told apart by what they do:
 * busy while requests go through the proxy, idle while they go straight to the backend.
 */
final class ThreadCpu {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /** CPU nanoseconds of every live thread, by id. */
  static Map<Long, Long> snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : MX.getAllThreadIds()) {
      long t = MX.getThreadCpuTime(id);
      if (t >= 0) {
        cpu.put(id, t);
      }
    }
    return cpu;
  }

  /**
   * Threads that used under idleNanos between before and between, and over busyNanos
   * between between and after.
   */
  static Set<Long> busyOnlyInSecond(Map<Long, Long> before, Map<Long, Long> between,
      Map<Long, Long> after, long idleNanos, long busyNanos) {
    return after.keySet().stream().filter(id -> {
      long first = between.getOrDefault(id, 0L) - before.getOrDefault(id, 0L);
      long second = after.get(id) - between.getOrDefault(id, 0L);
      return first < idleNanos && second > busyNanos;
    }).collect(Collectors.toSet());
  }

  /** User-mode CPU nanoseconds used so far by these threads (the rest of of() is the kernel's). */
  static long userOf(Set<Long> ids) {
    long sum = 0;
    for (long id : ids) {
      long t = MX.getThreadUserTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  /** CPU nanoseconds used so far by these threads (those that ended count no more). */
  static long of(Set<Long> ids) {
    long sum = 0;
    for (long id : ids) {
      long t = MX.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }
}

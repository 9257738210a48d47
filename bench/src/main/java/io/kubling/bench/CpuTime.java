package io.kubling.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by this JVM (API server, clients) and by its child processes (the
 * etcd it started). On a machine with few cores, CPU per object bounds the rate.
 */
record CpuTime(long jvmNanos, long childNanos) {
  static CpuTime now() {
    long jvm = processNanos();
    long children = ProcessHandle.current().children()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    return new CpuTime(jvm, children);
  }

  /** CPU time of this JVM so far, -1 where the platform does not tell. */
  static long processNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  CpuTime since(CpuTime earlier) {
    return new CpuTime(jvmNanos - earlier.jvmNanos, childNanos - earlier.childNanos);
  }

  /** e.g. "cpu/obj jvm=0.41 ms etcd=0.12 ms". */
  String perObject(long objects) {
    if (objects <= 0 || jvmNanos < 0) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, "cpu/obj jvm=%.2f ms etcd=%.2f ms",
        jvmNanos / 1e6 / objects, childNanos / 1e6 / objects);
  }
}

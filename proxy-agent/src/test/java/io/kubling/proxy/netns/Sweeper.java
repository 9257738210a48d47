package io.kubling.proxy.netns;

import io.kubling.proxy.exec.CommandRunner;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Knows which kp- namespaces belong to labs alive in this JVM, so a sweep spares them. */
final class Sweeper {
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  private Sweeper() {}

  static void register(String id) {
    LIVE.add(id);
  }

  static void forget(String id) {
    LIVE.remove(id);
  }

  /** Live: owned by a lab of this JVM, or still holding processes (another run's lab). */
  static boolean isLive(String ns) {
    for (String id : LIVE) {
      if (ns.startsWith("kp-" + id + "-")) {
        return true;
      }
    }
    try {
      return !CommandRunner.local().tryRun(null, "ip", "netns", "pids", ns).stdout().isBlank();
    } catch (IOException e) {
      return true;
    }
  }
}

package io.kubling.agent.status;

import java.time.Duration;

/**
 * The kubelet's restart backoff: the first restart is immediate, then 10 s doubling up to
 * 5 minutes; a container that ran 10 minutes without exiting starts over.
 */
public final class CrashLoopBackoff {
  public static final Duration INITIAL = Duration.ofSeconds(10);
  public static final Duration MAX = Duration.ofMinutes(5);
  static final Duration RESET_AFTER = MAX.multipliedBy(2);

  private CrashLoopBackoff() {}

  /**
   * How long to wait after an exit before the next start.
   *
   * @param restartCount restarts so far
   * @param ranFor how long the container that just exited ran
   */
  public static Duration delay(int restartCount, Duration ranFor) {
    if (restartCount <= 0 || ranFor.compareTo(RESET_AFTER) >= 0) {
      return Duration.ZERO;
    }
    int doublings = Math.min(restartCount - 1, 10);
    Duration d = INITIAL.multipliedBy(1L << doublings);
    return d.compareTo(MAX) > 0 ? MAX : d;
  }

  /** Whether a container that exited with {@code exitCode} is started again. */
  public static boolean restarts(String restartPolicy, int exitCode) {
    return switch (restartPolicy == null ? "Always" : restartPolicy) {
      case "Never" -> false;
      case "OnFailure" -> exitCode != 0;
      default -> true;
    };
  }
}

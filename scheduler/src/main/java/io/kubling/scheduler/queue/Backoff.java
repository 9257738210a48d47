package io.kubling.scheduler.queue;

import java.time.Duration;

/** How long a pod that failed waits before its next attempt: 1 s, doubling, at most 10 s. */
public final class Backoff {
  public static final Duration INITIAL = Duration.ofSeconds(1);
  public static final Duration MAX = Duration.ofSeconds(10);

  private Backoff() {}

  /** Kubernetes' calculateBackoffDuration for a pod that has had {@code attempts} attempts. */
  public static Duration duration(int attempts, Duration initial, Duration max) {
    Duration d = initial;
    for (int i = 1; i < attempts; i++) {
      d = d.multipliedBy(2);
      if (d.compareTo(max) > 0) {
        return max;
      }
    }
    return d;
  }

  public static Duration duration(int attempts) {
    return duration(attempts, INITIAL, MAX);
  }
}

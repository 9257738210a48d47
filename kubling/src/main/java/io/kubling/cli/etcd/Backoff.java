package io.kubling.cli.etcd;

import java.time.Duration;

/**
 * The delay before restarting a process that died: 1 s, doubling with each quick death up
 * to 30 s. A run that lasted at least {@link #STABLE} counts as healthy and resets it, so a
 * crash once a day waits 1 s while a crash loop does not spin.
 */
public final class Backoff {
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(30);
  static final Duration STABLE = Duration.ofSeconds(60);

  private int quickDeaths;

  /** The delay after a run that lasted {@code ran}. */
  public synchronized Duration next(Duration ran) {
    quickDeaths = ran.compareTo(STABLE) >= 0 ? 1 : quickDeaths + 1;
    return delay(quickDeaths);
  }

  /** The delay after the n-th quick death in a row (n ≥ 1). */
  static Duration delay(int n) {
    int shift = Math.min(Math.max(n, 1) - 1, 20);
    Duration d = FIRST.multipliedBy(1L << shift);
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}

package io.kubling.component.workqueue;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential backoff: base × 2^failures, capped at max; client-go's default item
 * rate limiter uses 5 ms and 1000 s.
 */
public final class ExponentialBackoff<K> implements RateLimiter<K> {
  public static final Duration DEFAULT_BASE = Duration.ofMillis(5);
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(1000);

  private final Duration base;
  private final Duration max;
  private final ConcurrentHashMap<K, Integer> failures = new ConcurrentHashMap<>();

  public ExponentialBackoff(Duration base, Duration max) {
    this.base = requireNonNull(base, "base should not be null");
    this.max = requireNonNull(max, "max should not be null");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max, got " + base + ", " + max);
    }
  }

  public static <K> ExponentialBackoff<K> defaults() {
    return new ExponentialBackoff<>(DEFAULT_BASE, DEFAULT_MAX);
  }

  @Override
  public Duration when(K key) {
    int previous = failures.merge(key, 1, Integer::sum) - 1;
    return delay(base, max, previous);
  }

  @Override
  public void forget(K key) {
    failures.remove(key);
  }

  @Override
  public int retries(K key) {
    return failures.getOrDefault(key, 0);
  }

  /** The wait after {@code failures} earlier failures: base × 2^failures, never above max. */
  static Duration delay(Duration base, Duration max, int failures) {
    // Past 62 doublings the shift overflows a long; the cap has long been reached by then.
    if (failures >= 62) {
      return max;
    }
    long nanos = base.toNanos();
    long factor = 1L << failures;
    if (nanos > max.toNanos() / factor) {
      return max;
    }
    return Duration.ofNanos(nanos * factor);
  }
}

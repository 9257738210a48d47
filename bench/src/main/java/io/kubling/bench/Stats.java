package io.kubling.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Pure arithmetic and formatting for benchmark figures: percentiles, medians, ratios. */
public final class Stats {
  private Stats() {}

  /**
   * The nearest-rank percentile (p in (0, 100]) of samples: the smallest value with at
   * least p% of the samples at or below it.
   */
  public static double percentile(double[] samples, double p) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile out of range: " + p);
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** The median; the mean of the two middle values for an even count. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Events per second, 0 when no time passed. */
  public static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : count * 1e9 / nanos;
  }

  /** a / b with two decimals ("0.42"); "n/a" when b is not positive. */
  public static String ratio(double a, double b) {
    return b > 0 ? String.format(Locale.ROOT, "%.2f", a / b) : "n/a";
  }

  /** A rate rounded to a whole number, e.g. "1234/s". */
  public static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.0f/s", perSecond);
  }

  /** Milliseconds with one decimal below 10 ms, whole above, e.g. "3.4" or "87". */
  public static String millis(double ms) {
    return ms < 10 ? String.format(Locale.ROOT, "%.1f", ms)
        : String.format(Locale.ROOT, "%.0f", ms);
  }
}

package io.kubling.component.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A thread-safe latency histogram in seconds with fixed buckets, cheap to observe and to scrape. */
public final class Histogram {
  /** Buckets from 5 ms to 60 s, enough to tell a quick reconcile from a stuck one. */
  public static final double[] LATENCY_BUCKETS =
      {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final double[] bounds;
  private final LongAdder[] counts;
  private final LongAdder count = new LongAdder();
  private final DoubleAdder sum = new DoubleAdder();

  public Histogram(double... bounds) {
    this.bounds = bounds.clone();
    this.counts = new LongAdder[bounds.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  public void observe(Duration d) {
    observe(d.toNanos() / 1e9);
  }

  public void observe(double seconds) {
    // Only the first matching bucket is counted; samples() makes the counts cumulative.
    for (int i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]) {
        counts[i].increment();
        break;
      }
    }
    count.increment();
    sum.add(seconds);
  }

  public long count() {
    return count.sum();
  }

  /** The family's samples: cumulative buckets, +Inf, sum and count. */
  public MetricFamily family(String name, String help, Map<String, String> labels) {
    List<MetricFamily.Sample> samples = new ArrayList<>();
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += counts[i].sum();
      samples.add(new MetricFamily.Sample(name + "_bucket", withLe(labels,
          PrometheusText.value(bounds[i])), cumulative));
    }
    // Read after the buckets, and an observe() counts its bucket first, so a racing scrape
    // could see a bucket before the total; never report a total below the buckets.
    long total = Math.max(count.sum(), cumulative);
    samples.add(new MetricFamily.Sample(name + "_bucket", withLe(labels, "+Inf"), total));
    samples.add(new MetricFamily.Sample(name + "_sum", labels, sum.sum()));
    samples.add(new MetricFamily.Sample(name + "_count", labels, total));
    return new MetricFamily(name, "histogram", help, samples);
  }

  private static Map<String, String> withLe(Map<String, String> labels, String le) {
    Map<String, String> out = new HashMap<>(labels);
    out.put("le", le);
    return out;
  }
}

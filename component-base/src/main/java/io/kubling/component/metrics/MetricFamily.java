package io.kubling.component.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One Prometheus metric family — name, type, help and its samples — as a source hands it to
 * the /metrics endpoint.
 *
 * @param name the family name, e.g. {@code workqueue_depth}
 * @param type {@code counter}, {@code gauge}, {@code histogram} or {@code summary}
 * @param help one line saying what it counts
 * @param samples the samples; a histogram's carry the {@code _bucket}, {@code _sum} and
 *     {@code _count} suffixes in their names
 */
public record MetricFamily(String name, String type, String help, List<Sample> samples) {

  /** One sample line: a name, its labels and a value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      requireNonNull(name, "name should not be null");
      labels = Map.copyOf(labels);
    }
  }

  public MetricFamily {
    requireNonNull(name, "name should not be null");
    requireNonNull(type, "type should not be null");
    requireNonNull(help, "help should not be null");
    samples = List.copyOf(samples);
  }

  public static MetricFamily counter(String name, String help, Map<String, String> labels,
      double value) {
    return new MetricFamily(name, "counter", help, List.of(new Sample(name, labels, value)));
  }

  public static MetricFamily gauge(String name, String help, Map<String, String> labels,
      double value) {
    return new MetricFamily(name, "gauge", help, List.of(new Sample(name, labels, value)));
  }
}

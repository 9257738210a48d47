package io.kubling.apiserver.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counters and latency histograms in Prometheus' text format, named as kube-apiserver names them. */
public final class Metrics {
  private static final double[] BUCKETS = {0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<SeriesKey, RequestSeries> bySeries = new ConcurrentHashMap<>();
  private final Map<String, Histogram> etcdLatency = new ConcurrentHashMap<>();

  private record SeriesKey(String verb, String resource, int code) {}

  /** A request's counter and latency histogram (none for watches, which last). */
  private record RequestSeries(LongAdder total, Histogram latency) {}

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts[i].increment();
        }
      }
      count.increment();
      sum.add(seconds);
    }
  }

  public void request(String verb, String resource, int code, long nanos) {
    // The series of a (verb, resource, code) are found by a record, not by their text: this
    // runs for every request, and building the names cost more than counting.
    RequestSeries series = bySeries.computeIfAbsent(new SeriesKey(verb, resource, code),
        k -> new RequestSeries(
            requests.computeIfAbsent("apiserver_request_total{verb=\"" + verb + "\",resource=\""
                + resource + "\",code=\"" + code + "\"}", x -> new LongAdder()),
            verb.equals("watch") ? null : histogram("apiserver_request_duration_seconds",
                "verb=\"" + verb + "\",resource=\"" + resource + "\"")));
    series.total().increment();
    if (series.latency() != null) {
      series.latency().observe(seconds(nanos));
    }
  }

  /** Records one etcd request's latency. */
  public void etcd(String operation, long nanos) {
    etcdLatency.computeIfAbsent(operation, op -> histogram("etcd_request_duration_seconds",
        "operation=\"" + op + "\"")).observe(seconds(nanos));
  }

  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  private Histogram histogram(String name, String labels) {
    return latency.computeIfAbsent(name + "\u0000" + labels, k -> new Histogram());
  }

  private static double seconds(long nanos) {
    return nanos / (double) TimeUnit.SECONDS.toNanos(1);
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# TYPE apiserver_request_total counter\n");
    requests.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> sb.append(e.getKey()).append(' ').append(e.getValue().sum()).append('\n'));
    latency.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String[] nl = e.getKey().split("\u0000");
      Histogram h = e.getValue();
      for (int i = 0; i < BUCKETS.length; i++) {
        sb.append(nl[0]).append("_bucket{").append(nl[1]).append(",le=\"").append(BUCKETS[i])
            .append("\"} ").append(h.counts[i].sum()).append('\n');
      }
      sb.append(nl[0]).append("_bucket{").append(nl[1]).append(",le=\"+Inf\"} ")
          .append(h.count.sum()).append('\n');
      sb.append(nl[0]).append("_sum{").append(nl[1]).append("} ").append(h.sum.sum()).append('\n');
      sb.append(nl[0]).append("_count{").append(nl[1]).append("} ").append(h.count.sum())
          .append('\n');
    });
    gauges.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        sb.append("# TYPE ").append(e.getKey().split("\\{")[0]).append(" gauge\n")
            .append(e.getKey()).append(' ').append(e.getValue().getAsLong()).append('\n'));
    return sb.toString();
  }
}

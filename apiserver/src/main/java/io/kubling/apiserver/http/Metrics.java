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
    requests.computeIfAbsent("apiserver_request_total{verb=\"" + verb + "\",resource=\""
        + resource + "\",code=\"" + code + "\"}", k -> new LongAdder()).increment();
    if (!verb.equals("watch")) {
      observe("apiserver_request_duration_seconds", "verb=\"" + verb + "\",resource=\""
          + resource + "\"", nanos);
    }
  }

  /** Records one etcd request's latency. */
  public void etcd(String operation, long nanos) {
    observe("etcd_request_duration_seconds", "operation=\"" + operation + "\"", nanos);
  }

  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  private void observe(String name, String labels, long nanos) {
    latency.computeIfAbsent(name + "\u0000" + labels, k -> new Histogram())
        .observe(nanos / (double) TimeUnit.SECONDS.toNanos(1));
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

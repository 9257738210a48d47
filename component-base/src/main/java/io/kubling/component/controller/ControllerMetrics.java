package io.kubling.component.controller;

import io.kubling.component.metrics.Histogram;
import io.kubling.component.metrics.MetricFamily;
import io.kubling.component.metrics.MetricsSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One controller's reconcile counters and latency, under controller-runtime's metric names,
 * plus its queue's depth, adds and retries under client-go's.
 */
public final class ControllerMetrics implements MetricsSource {
  private final String controller;
  private final MetricsSource queue;
  private final LongAdder success = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder requeue = new LongAdder();
  private final LongAdder requeueAfter = new LongAdder();
  private final Histogram latency = new Histogram(Histogram.LATENCY_BUCKETS);

  ControllerMetrics(String controller, MetricsSource queue) {
    this.controller = controller;
    this.queue = queue;
  }

  void observe(Result result, Duration took) {
    latency.observe(took);
    if (result == null) {
      errors.increment();
    } else if (result.isRequeue()) {
      requeue.increment();
    } else if (result.requeueAfter().isPresent()) {
      requeueAfter.increment();
    } else {
      success.increment();
    }
  }

  /** Reconciles that finished, whatever their result. */
  public long reconciles() {
    return latency.count();
  }

  /** Reconciles that threw. */
  public long errors() {
    return errors.sum();
  }

  @Override
  public List<MetricFamily> collect() {
    Map<String, String> labels = Map.of("controller", controller);
    String total = "controller_runtime_reconcile_total";
    List<MetricFamily> out = new ArrayList<>(queue.collect());
    out.add(new MetricFamily(total, "counter", "Reconciles per controller and result.", List.of(
        sample(total, "success", success), sample(total, "error", errors),
        sample(total, "requeue", requeue), sample(total, "requeue_after", requeueAfter))));
    out.add(MetricFamily.counter("controller_runtime_reconcile_errors_total",
        "Reconciles that returned an error.", labels, errors.sum()));
    out.add(latency.family("controller_runtime_reconcile_time_seconds",
        "Time per reconcile.", labels));
    return out;
  }

  private MetricFamily.Sample sample(String name, String result, LongAdder value) {
    return new MetricFamily.Sample(name, Map.of("controller", controller, "result", result),
        value.sum());
  }
}

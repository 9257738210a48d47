package io.kubling.scheduler.metrics;

import io.kubling.component.metrics.Histogram;
import io.kubling.component.metrics.MetricFamily;
import io.kubling.component.metrics.MetricsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The scheduler's Prometheus metrics, named as kube-scheduler names them. */
public final class SchedulerMetrics implements MetricsSource {
  /** Scheduling is sub-millisecond per pod; binding adds a round trip or several. */
  static final double[] BUCKETS = {0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
      2.5, 5, 10, 30, 60};

  private final String profile;
  private final LongAdder scheduled = new LongAdder();
  private final LongAdder unschedulable = new LongAdder();
  private final LongAdder error = new LongAdder();
  private final LongAdder bindConflicts = new LongAdder();
  private final Histogram e2e = new Histogram(BUCKETS);
  private final Histogram sli = new Histogram(BUCKETS);
  private final Histogram algorithm = new Histogram(BUCKETS);
  private volatile IntSupplier active = () -> 0;
  private volatile IntSupplier backoff = () -> 0;
  private volatile IntSupplier unschedulableQ = () -> 0;

  public SchedulerMetrics(String profile) {
    this.profile = profile;
  }

  public void queueGauges(IntSupplier active, IntSupplier backoff, IntSupplier unschedulable) {
    this.active = active;
    this.backoff = backoff;
    this.unschedulableQ = unschedulable;
  }

  /** A pod bound: its attempt took {@code e2eSeconds}, and {@code sliSeconds} since queued. */
  public void scheduled(double e2eSeconds, double sliSeconds) {
    scheduled.increment();
    e2e.observe(e2eSeconds);
    sli.observe(sliSeconds);
  }

  public void unschedulable() {
    unschedulable.increment();
  }

  public void error() {
    error.increment();
  }

  public void bindConflict() {
    bindConflicts.increment();
  }

  public void algorithm(double seconds) {
    algorithm.observe(seconds);
  }

  public long scheduledCount() {
    return scheduled.sum();
  }

  public long unschedulableCount() {
    return unschedulable.sum();
  }

  public long errorCount() {
    return error.sum();
  }

  public long bindConflictCount() {
    return bindConflicts.sum();
  }

  @Override
  public List<MetricFamily> collect() {
    List<MetricFamily> out = new ArrayList<>();
    String attempts = "scheduler_schedule_attempts_total";
    out.add(new MetricFamily(attempts, "counter",
        "Number of attempts to schedule pods, by the result.", List.of(
            new MetricFamily.Sample(attempts, Map.of("result", "scheduled", "profile", profile),
                scheduled.sum()),
            new MetricFamily.Sample(attempts, Map.of("result", "unschedulable", "profile",
                profile), unschedulable.sum()),
            new MetricFamily.Sample(attempts, Map.of("result", "error", "profile", profile),
                error.sum()))));
    out.add(e2e.family("scheduler_e2e_scheduling_duration_seconds",
        "E2e scheduling latency in seconds (scheduling algorithm + binding).",
        Map.of("result", "scheduled", "profile", profile)));
    out.add(sli.family("scheduler_pod_scheduling_sli_duration_seconds",
        "E2e latency for a pod being scheduled, from the time the pod enters the scheduling"
            + " queue.", Map.of("profile", profile)));
    out.add(algorithm.family("scheduler_scheduling_algorithm_duration_seconds",
        "Scheduling algorithm latency in seconds.", Map.of("profile", profile)));
    out.add(MetricFamily.counter("scheduler_binding_conflicts_total",
        "Bindings the API server refused because the pod was bound or gone.",
        Map.of("profile", profile), bindConflicts.sum()));
    String pending = "scheduler_pending_pods";
    out.add(new MetricFamily(pending, "gauge", "Number of pending pods, by the queue type.",
        List.of(new MetricFamily.Sample(pending, Map.of("queue", "active"), active.getAsInt()),
            new MetricFamily.Sample(pending, Map.of("queue", "backoff"), backoff.getAsInt()),
            new MetricFamily.Sample(pending, Map.of("queue", "unschedulable"),
                unschedulableQ.getAsInt()))));
    return out;
  }
}

package io.kubling.scheduler;

import static java.util.Objects.requireNonNull;

import io.kubling.component.config.ComponentOptions;

/**
 * How a scheduler runs: the common component flags plus its own.
 *
 * @param component kubeconfig or API server URL, leader election, /healthz address
 * @param schedulerName pods whose spec.schedulerName equals this are this scheduler's
 * @param percentageOfNodesToScore 1–100, or 0 for Kubernetes' adaptive default
 * @param parallelBindings binding requests in flight at once
 */
public record SchedulerOptions(ComponentOptions component, String schedulerName,
    int percentageOfNodesToScore, int parallelBindings) {
  public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";
  public static final int DEFAULT_HEALTHZ_PORT = 10259;

  public SchedulerOptions {
    requireNonNull(component, "component should not be null");
    requireNonNull(schedulerName, "schedulerName should not be null");
    if (schedulerName.isBlank()) {
      throw new IllegalArgumentException("--scheduler-name must not be empty");
    }
    if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
      throw new IllegalArgumentException("--percentage-of-nodes-to-score must be 0-100, got "
          + percentageOfNodesToScore);
    }
    if (parallelBindings < 1) {
      throw new IllegalArgumentException("--parallel-bindings must be at least 1, got "
          + parallelBindings);
    }
  }

  /** default-scheduler, adaptive node scoring, 64 bindings in flight, Lease kube-scheduler. */
  public static SchedulerOptions defaults() {
    return new SchedulerOptions(ComponentOptions.defaults("kube-scheduler", DEFAULT_HEALTHZ_PORT),
        DEFAULT_SCHEDULER_NAME, 0, 64);
  }

  public SchedulerOptions withComponent(ComponentOptions c) {
    return new SchedulerOptions(c, schedulerName, percentageOfNodesToScore, parallelBindings);
  }

  public SchedulerOptions withSchedulerName(String name) {
    return new SchedulerOptions(component, name, percentageOfNodesToScore, parallelBindings);
  }

  public SchedulerOptions withPercentageOfNodesToScore(int p) {
    return new SchedulerOptions(component, schedulerName, p, parallelBindings);
  }

  public SchedulerOptions withParallelBindings(int n) {
    return new SchedulerOptions(component, schedulerName, percentageOfNodesToScore, n);
  }
}

package io.kubling.component.controller;

import io.kubling.component.workqueue.WorkQueue;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: takes a key, reconciles it, and decides what the queue does next. This is the
 * one place that owns retries — an exception requeues with backoff, success forgets it.
 */
final class WorkerLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

  private final String controller;
  private final WorkQueue<String> queue;
  private final Reconciler reconciler;
  private final ControllerMetrics metrics;
  private final BooleanSupplier stopping;

  WorkerLoop(String controller, WorkQueue<String> queue, Reconciler reconciler,
      ControllerMetrics metrics, BooleanSupplier stopping) {
    this.controller = controller;
    this.queue = queue;
    this.reconciler = reconciler;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  @Override
  public void run() {
    // Checked per key: a stopping controller finishes the key in hand but leaves the rest.
    while (!stopping.getAsBoolean()) {
      Optional<String> key;
      try {
        key = queue.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (key.isEmpty()) {
        return;
      }
      try {
        processOne(key.get());
      } finally {
        queue.done(key.get());
      }
    }
  }

  void processOne(String key) {
    long start = System.nanoTime();
    Result result;
    try {
      result = reconciler.reconcile(key);
      if (result == null) {
        throw new NullPointerException("reconciler returned null instead of a Result");
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      metrics.observe(null, Duration.ofNanos(System.nanoTime() - start));
      queue.addRateLimited(key);
      log.atWarn().addKeyValue("controller", controller).addKeyValue("key", key)
          .addKeyValue("retries", queue.numRequeues(key)).addKeyValue("error", e.toString())
          .log("reconcile failed; requeued with backoff");
      return;
    }
    metrics.observe(result, Duration.ofNanos(System.nanoTime() - start));
    if (result.isRequeue()) {
      queue.addRateLimited(key);
    } else if (result.requeueAfter().isPresent()) {
      queue.forget(key);
      queue.addAfter(key, result.requeueAfter().get());
    } else {
      queue.forget(key);
    }
  }
}

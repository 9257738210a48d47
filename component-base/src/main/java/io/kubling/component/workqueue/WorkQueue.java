package io.kubling.component.workqueue;

import static java.util.Objects.requireNonNull;

import io.kubling.component.metrics.MetricFamily;
import io.kubling.component.metrics.MetricsSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A rate-limited queue of keys for controller workers, after client-go's workqueue: adding a
 * waiting key is a no-op, one key is never held by two workers at once, and failed keys come
 * back after a per-key backoff.
 *
 * <p>Workers loop {@code get → process → done}; on failure they call {@link #addRateLimited},
 * on success {@link #forget}.
 */
public final class WorkQueue<K> implements MetricsSource, AutoCloseable {
  private final String name;
  private final KeyQueue<K> queue = new KeyQueue<>();
  private final Delayer<K> delayer;
  private final RateLimiter<K> rateLimiter;
  private final LongAdder adds = new LongAdder();
  private final LongAdder retries = new LongAdder();

  public WorkQueue(String name) {
    this(name, ExponentialBackoff.defaults());
  }

  public WorkQueue(String name, RateLimiter<K> rateLimiter) {
    this.name = requireNonNull(name, "name should not be null");
    this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter should not be null");
    this.delayer = new Delayer<>(name, this::add);
  }

  /** Queues the key unless it is already waiting; a key being processed is queued again after done. */
  public void add(K key) {
    requireNonNull(key, "key should not be null");
    if (queue.add(key)) {
      adds.increment();
    }
  }

  /** Blocks until a key is ready for this worker; empty once the queue is shut down and drained. */
  public Optional<K> get() throws InterruptedException {
    return queue.get();
  }

  /** Marks the key as processed; a worker must call it once for every key {@link #get} gave it. */
  public void done(K key) {
    queue.done(key);
  }

  /** Adds the key once {@code delay} has passed; a key already waiting keeps the earlier time. */
  public void addAfter(K key, Duration delay) {
    requireNonNull(key, "key should not be null");
    if (queue.shuttingDown()) {
      return;
    }
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    delayer.addAfter(key, delay);
  }

  /** Adds the key after its backoff, which doubles with every failure until {@link #forget}. */
  public void addRateLimited(K key) {
    retries.increment();
    addAfter(key, rateLimiter.when(key));
  }

  /** Resets the key's backoff: call it when the key was processed successfully. */
  public void forget(K key) {
    rateLimiter.forget(key);
  }

  /** How many times the key has been rate-limited since it was last forgotten. */
  public int numRequeues(K key) {
    return rateLimiter.retries(key);
  }

  /** Keys ready for workers now (not those in flight or still waiting out a delay). */
  public int length() {
    return queue.length();
  }

  /** Stops accepting keys and wakes every worker; keys already queued are still handed out. */
  public void shutDown() {
    delayer.shutDown();
    queue.shutDown();
  }

  public boolean isShuttingDown() {
    return queue.shuttingDown();
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    shutDown();
  }

  /** The queue's metrics under client-go's names, labelled with the queue's name. */
  @Override
  public List<MetricFamily> collect() {
    Map<String, String> labels = Map.of("name", name);
    return List.of(
        MetricFamily.gauge("workqueue_depth", "Current depth of the work queue.", labels,
            length()),
        MetricFamily.counter("workqueue_adds_total", "Keys added to the work queue.", labels,
            adds.sum()),
        MetricFamily.counter("workqueue_retries_total", "Rate-limited retries of keys.", labels,
            retries.sum()));
  }
}

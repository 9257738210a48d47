package io.kubling.bench;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times one kind of request, one at a time, in milliseconds from issue until the whole
 * answer has arrived. A failed or timed-out request is counted and kept as a sample of the
 * time it took, so a stall shows in the high percentiles instead of vanishing.
 */
final class Sampler {
  private final Supplier<? extends CompletableFuture<?>> request;
  private final double[] samples;
  private int count;
  private long failed;
  private String firstError;

  Sampler(int capacity, Supplier<? extends CompletableFuture<?>> request) {
    this.samples = new double[capacity];
    this.request = request;
  }

  /** Issues one request and returns its latency in milliseconds. */
  double once(long timeoutMillis) {
    long t0 = System.nanoTime();
    try {
      request.get().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      failed++;
      if (firstError == null) {
        firstError = e.toString();
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  void record(double millis) {
    if (count < samples.length) {
      samples[count++] = millis;
    }
  }

  /** Forgets warm-up samples and failures. */
  void reset() {
    count = 0;
    failed = 0;
    firstError = null;
  }

  int count() {
    return count;
  }

  long failed() {
    return failed;
  }

  String firstError() {
    return firstError;
  }

  double p(double percentile) {
    return Stats.percentile(Arrays.copyOf(samples, count), percentile);
  }
}

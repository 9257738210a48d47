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
  private long cpuNanos;
  private long lastCpuNanos;

  Sampler(int capacity, Supplier<? extends CompletableFuture<?>> request) {
    this.samples = new double[capacity];
    this.request = request;
  }

  /** Issues one request and returns its latency in milliseconds. */
  double once(long timeoutMillis) {
    long cpu0 = CpuTime.processNanos();
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
    double millis = (System.nanoTime() - t0) / 1e6;
    lastCpuNanos = CpuTime.processNanos() - cpu0;
    return millis;
  }

  /** Keeps a latency from {@link #once} and the CPU this JVM spent meanwhile. */
  void record(double millis) {
    if (count < samples.length) {
      samples[count++] = millis;
      cpuNanos += lastCpuNanos;
    }
  }

  /** CPU time of this JVM (client and API server) per recorded request, in milliseconds. */
  double cpuMillisEach() {
    return count == 0 ? Double.NaN : cpuNanos / 1e6 / count;
  }

  /** Forgets warm-up samples and failures. */
  void reset() {
    count = 0;
    cpuNanos = 0;
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

  /** NaN when this side was not timed (see ListLatencyBench's bench.list.sides). */
  double p(double percentile) {
    if (count == 0) {
      return Double.NaN;
    }
    return Stats.percentile(Arrays.copyOf(samples, count), percentile);
  }
}

package io.kubling.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code clients} asynchronous callers, each issuing its next operation
 * when the last one completes, until {@code count} operations were issued or the time limit
 * passed, whichever comes first.
 */
final class Load {
  private Load() {}

  /** What one run did; {@code nanos} runs from the first issue to the last completion. */
  record Result(long ok, long failed, long nanos, String firstError) {
    double perSecond() {
      return Stats.perSecond(ok, nanos);
    }
  }

  static Result run(int count, int clients, Duration limit, IntFunction<CompletionStage<?>> op) {
    AtomicInteger next = new AtomicInteger();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    AtomicLong lastCompletion = new AtomicLong(start);
    Runnable[] client = new Runnable[1];
    client[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= count || System.nanoTime() - deadline > 0) {
        done.countDown();
        return;
      }
      CompletionStage<?> f;
      try {
        f = op.apply(i);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((r, t) -> {
        if (t == null) {
          ok.incrementAndGet();
        } else {
          failed.incrementAndGet();
          firstError.compareAndSet(null, String.valueOf(t));
        }
        lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
        client[0].run();
      });
    };
    for (int c = 0; c < clients; c++) {
      client[0].run();
    }
    try {
      // In-flight operations get a grace period past the limit, then are abandoned.
      if (!done.await(limit.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        firstError.compareAndSet(null, "operations still in flight after the time limit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Result(ok.get(), failed.get(), lastCompletion.get() - start, firstError.get());
  }
}

package io.kubling.component.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds keys until their time comes, then hands them to the queue. A key waits at most once:
 * a later addAfter for a key already waiting keeps whichever deadline is earlier, as
 * client-go's delaying queue does, so periodic requeues never pile up timers.
 */
final class Delayer<K> {
  private record Waiting(long readyAtNanos, ScheduledFuture<?> timer) {}

  private final Consumer<K> ready;
  private final ScheduledThreadPoolExecutor timers;
  private final Map<K, Waiting> waiting = new HashMap<>();

  Delayer(String name, Consumer<K> ready) {
    this.ready = ready;
    this.timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "workqueue-" + name + "-delay");
      t.setDaemon(true);
      return t;
    });
    // Replaced timers are cancelled; without this they would linger until their deadline.
    timers.setRemoveOnCancelPolicy(true);
  }

  synchronized void addAfter(K key, Duration delay) {
    if (timers.isShutdown()) {
      return;
    }
    long readyAt = System.nanoTime() + delay.toNanos();
    Waiting current = waiting.get(key);
    if (current != null) {
      if (current.readyAtNanos() - readyAt <= 0) {
        return;
      }
      current.timer().cancel(false);
    }
    ScheduledFuture<?> timer = timers.schedule(() -> fire(key, readyAt), delay.toNanos(),
        TimeUnit.NANOSECONDS);
    waiting.put(key, new Waiting(readyAt, timer));
  }

  private void fire(K key, long readyAt) {
    synchronized (this) {
      Waiting current = waiting.get(key);
      // A timer that lost a race with a replacing addAfter finds a different deadline here.
      if (current == null || current.readyAtNanos() != readyAt) {
        return;
      }
      waiting.remove(key);
    }
    ready.accept(key);
  }

  synchronized void shutDown() {
    timers.shutdownNow();
    waiting.clear();
  }
}

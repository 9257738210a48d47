package io.kubling.component.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Many workers and a busy producer on a few keys: no key is ever held by two workers, and
 * every key is processed after its last add (an add during processing is never lost).
 */
class WorkQueueConcurrencyTest {
  private static final int KEYS = 5;
  private static final int WORKERS = 4;

  @Test
  void oneWorkerPerKeyAndNoAddIsLost() throws InterruptedException {
    WorkQueue<Integer> queue = new WorkQueue<>("stress");
    AtomicIntegerArray version = new AtomicIntegerArray(KEYS);
    AtomicIntegerArray seen = new AtomicIntegerArray(KEYS);
    AtomicIntegerArray inFlight = new AtomicIntegerArray(KEYS);
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger processed = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      Thread t = new Thread(() -> {
        try {
          for (Optional<Integer> k = queue.get(); k.isPresent(); k = queue.get()) {
            int key = k.get();
            if (inFlight.incrementAndGet(key) > 1) {
              overlaps.incrementAndGet();
            }
            // Read the version only now: whatever was added before this point is covered.
            seen.set(key, version.get(key));
            if (ThreadLocalRandom.current().nextInt(4) == 0) {
              Thread.sleep(1);
            }
            processed.incrementAndGet();
            inFlight.decrementAndGet(key);
            queue.done(key);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "stress-worker-" + w);
      t.start();
      workers.add(t);
    }
    for (int i = 0; i < 5_000; i++) {
      int key = ThreadLocalRandom.current().nextInt(KEYS);
      version.incrementAndGet(key);
      queue.add(key);
      if (i % 50 == 0) {
        Thread.yield();
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      for (int k = 0; k < KEYS; k++) {
        if (seen.get(k) != version.get(k)) {
          return false;
        }
      }
      return true;
    });
    queue.shutDown();
    for (Thread t : workers) {
      t.join(5_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(overlaps.get()).as("times one key was held by two workers").isZero();
    assertThat(processed.get()).isPositive();
  }
}

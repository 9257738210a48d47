package io.kubling.component.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final WorkQueue<String> queue = new WorkQueue<>("test");

  @AfterEach
  void shutDown() {
    queue.shutDown();
  }

  @Test
  void handsOutKeysInTheOrderAdded() throws InterruptedException {
    queue.add("a");
    queue.add("b");
    queue.add("c");
    assertThat(List.of(take(), take(), take())).containsExactly("a", "b", "c");
  }

  @Test
  void aKeyAlreadyWaitingIsNotAddedTwice() throws InterruptedException {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.length()).isEqualTo(2);
    assertThat(List.of(take(), take())).containsExactly("a", "b");
    assertThat(queue.length()).isZero();
  }

  @Test
  void aKeyAddedWhileProcessingWaitsForDoneAndIsProcessedAgain() throws InterruptedException {
    queue.add("a");
    assertThat(take()).isEqualTo("a");
    queue.add("a");
    queue.add("a");
    assertThat(queue.length()).as("not handed to a second worker while in flight").isZero();
    queue.done("a");
    assertThat(queue.length()).isEqualTo(1);
    assertThat(take()).isEqualTo("a");
    queue.done("a");
    assertThat(queue.length()).isZero();
  }

  @Test
  void doneWithoutANewAddLeavesTheQueueEmpty() throws InterruptedException {
    queue.add("a");
    queue.done(take());
    queue.done("never-handed-out");
    assertThat(queue.length()).isZero();
  }

  @Test
  void shutDownWakesEveryBlockedWorker() throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    List<Optional<String>> results = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread t = new Thread(() -> {
        try {
          results.add(queue.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.start();
      workers.add(t);
    }
    await().until(() -> workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
    queue.shutDown();
    for (Thread t : workers) {
      t.join(5_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(results).hasSize(3).allMatch(Optional::isEmpty);
  }

  @Test
  void shutDownDrainsQueuedKeysThenRefusesNewOnes() throws InterruptedException {
    queue.add("a");
    queue.shutDown();
    queue.add("b");
    queue.addAfter("c", Duration.ofMillis(1));
    assertThat(queue.isShuttingDown()).isTrue();
    assertThat(queue.get()).contains("a");
    assertThat(queue.get()).isEmpty();
  }

  @Test
  void addAfterHoldsTheKeyUntilItsTime() throws InterruptedException {
    queue.addAfter("a", Duration.ofMillis(300));
    assertThat(queue.length()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 1);
    assertThat(take()).isEqualTo("a");
  }

  @Test
  void addAfterWithoutDelayAddsAtOnce() {
    queue.addAfter("a", Duration.ZERO);
    assertThat(queue.length()).isEqualTo(1);
  }

  @Test
  void aWaitingKeyKeepsTheEarlierDeadline() throws InterruptedException {
    queue.addAfter("late-then-early", Duration.ofHours(1));
    queue.addAfter("late-then-early", Duration.ofMillis(20));
    queue.addAfter("early-then-late", Duration.ofMillis(20));
    queue.addAfter("early-then-late", Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 2);
    assertThat(List.of(take(), take()))
        .containsExactlyInAnyOrder("late-then-early", "early-then-late");
  }

  @Test
  void addRateLimitedBacksOffPerKeyUntilForgotten() throws InterruptedException {
    WorkQueue<String> slow = new WorkQueue<>("slow",
        new ExponentialBackoff<>(Duration.ofMillis(200), Duration.ofSeconds(10)));
    try {
      slow.addRateLimited("a");
      assertThat(slow.length()).as("waits out its backoff first").isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> slow.length() == 1);
      slow.done(slow.get().orElseThrow());
      slow.addRateLimited("a");
      assertThat(slow.numRequeues("a")).isEqualTo(2);
      await().atMost(Duration.ofSeconds(5)).until(() -> slow.length() == 1);
      slow.forget("a");
      assertThat(slow.numRequeues("a")).isZero();
    } finally {
      slow.shutDown();
    }
  }

  @Test
  void reportsDepthAddsAndRetries() {
    queue.add("a");
    queue.add("a");
    queue.add("b");
    queue.addRateLimited("c");
    assertThat(queue.collect()).extracting(f -> f.name() + "=" + f.samples().get(0).value())
        .containsExactly("workqueue_depth=2.0", "workqueue_adds_total=2.0",
            "workqueue_retries_total=1.0");
    assertThat(queue.collect().get(0).samples().get(0).labels()).containsEntry("name", "test");
  }

  private String take() throws InterruptedException {
    return queue.get().orElseThrow();
  }
}

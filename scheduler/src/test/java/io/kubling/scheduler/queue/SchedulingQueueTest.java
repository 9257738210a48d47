package io.kubling.scheduler.queue;

import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.framework.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final SchedulingQueue queue = new SchedulingQueue(now::get, Duration.ofSeconds(1),
      Duration.ofSeconds(10));

  private static PodInfo p(String name, int priority) {
    return PodInfo.of(pod(name).priority(priority).build());
  }

  private void tick(long millis) {
    now.addAndGet(millis * 1_000_000L);
  }

  private List<String> drain() throws InterruptedException {
    List<String> out = new ArrayList<>();
    while (queue.activeCount() > 0) {
      QueuedPodInfo q = queue.pop();
      out.add(q.podInfo().pod().getMetadata().getName());
      queue.done(q);
    }
    return out;
  }

  @Test
  void activeQueueOrdersByPriorityThenAge() throws InterruptedException {
    queue.add(p("old-low", 0));
    tick(1);
    queue.add(p("high", 1000));
    tick(1);
    queue.add(p("new-low", 0));
    tick(1);
    queue.add(p("higher", 2000));
    assertThat(drain()).containsExactly("higher", "high", "old-low", "new-low");
  }

  @Test
  void unschedulablePodWaitsForAnEventThenItsBackoff() throws InterruptedException {
    queue.add(p("a", 0));
    QueuedPodInfo q = queue.pop();
    queue.addUnschedulable(q, false);
    assertThat(queue.unschedulableCount()).isEqualTo(1);
    tick(30_000);
    queue.flush();
    assertThat(queue.activeCount()).as("no event: still waiting").isZero();

    queue.moveAllToActiveOrBackoff();
    assertThat(queue.activeCount()).as("backoff (1 s) long over").isEqualTo(1);
    q = queue.pop();
    assertThat(q.attempts()).isEqualTo(2);

    // Second failure: 2 s of backoff; an event during it parks the pod in the backoff queue.
    queue.addUnschedulable(q, false);
    tick(500);
    queue.moveAllToActiveOrBackoff();
    assertThat(queue.backoffCount()).isEqualTo(1);
    tick(1000);
    queue.flush();
    assertThat(queue.activeCount()).isZero();
    tick(600);
    queue.flush();
    assertThat(queue.activeCount()).isEqualTo(1);
  }

  @Test
  void backoffDoublesUpToTenSeconds() throws InterruptedException {
    queue.add(p("a", 0));
    long[] expected = {1000, 2000, 4000, 8000, 10000, 10000};
    for (long wait : expected) {
      QueuedPodInfo q = queue.pop();
      queue.addUnschedulable(q, true);
      tick(wait - 1);
      queue.flush();
      assertThat(queue.activeCount()).as("still backing off before %d ms", wait).isZero();
      tick(1);
      queue.flush();
      assertThat(queue.activeCount()).as("out after %d ms", wait).isEqualTo(1);
    }
  }

  @Test
  void eventDuringTheAttemptRetriesAfterBackoff() throws InterruptedException {
    queue.add(p("a", 0));
    QueuedPodInfo q = queue.pop();
    queue.moveAllToActiveOrBackoff(); // e.g. a node added while the pod was being scheduled
    queue.addUnschedulable(q, false);
    assertThat(queue.unschedulableCount()).isZero();
    assertThat(queue.backoffCount()).isEqualTo(1);
  }

  @Test
  void podsUnschedulableForFiveMinutesAreRetried() throws InterruptedException {
    queue.add(p("a", 0));
    queue.addUnschedulable(queue.pop(), false);
    tick(Duration.ofMinutes(5).toMillis());
    queue.flush();
    assertThat(queue.activeCount()).isEqualTo(1);
  }

  @Test
  void updateOfAnUnschedulablePodRetriesIt() throws InterruptedException {
    queue.add(p("a", 0));
    queue.addUnschedulable(queue.pop(), false);
    tick(2000);
    queue.update(p("a", 0));
    assertThat(queue.activeCount()).isEqualTo(1);
  }

  @Test
  void deleteForgetsThePodWhereverItWaits() throws InterruptedException {
    queue.add(p("a", 0));
    queue.add(p("b", 0));
    queue.add(p("c", 0));
    QueuedPodInfo c = null;
    queue.delete("default/a");
    QueuedPodInfo b = queue.pop();
    queue.addUnschedulable(b, false);
    queue.delete("default/b");
    c = queue.pop();
    queue.delete("default/c");
    queue.addUnschedulable(c, false); // deleted while in flight: not requeued
    assertThat(queue.activeCount() + queue.backoffCount() + queue.unschedulableCount()).isZero();
    assertThat(queue.contains("default/c")).isFalse();
  }

  @Test
  void popWaitsAndCloseReleasesIt() throws Exception {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
      queue.close();
    });
    t.start();
    assertThat(queue.pop()).isNull();
    t.join();
  }
}

package io.kubling.component.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker loop's retry rules, driven through a controller with no informers. */
class WorkerLoopTest {
  private Controller controller;

  @AfterEach
  void stop() throws InterruptedException {
    if (controller != null) {
      controller.stop();
    }
  }

  @Test
  void anExceptionRetriesWithBackoffUntilSuccessThenForgets() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    controller = start(Controller.builder("flaky", key -> {
      if (attempts.incrementAndGet() <= 3) {
        throw new IllegalStateException("not yet");
      }
      return Result.done();
    }));
    controller.enqueue("ns/a");
    await().atMost(Duration.ofSeconds(10)).until(() -> controller.metrics().reconciles() == 4);
    assertThat(attempts.get()).isEqualTo(4);
    assertThat(controller.metrics().errors()).isEqualTo(3);
    assertThat(controller.queue().numRequeues("ns/a")).as("forgotten after success").isZero();
  }

  @Test
  void requeueKeepsBackingOffAndRequeueAfterResetsTheBackoff() throws Exception {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    controller = start(Controller.builder("requeue", key -> {
      int n = runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      if (key.equals("ns/wait") && n < 3) {
        return Result.requeue();
      }
      if (key.equals("ns/later") && n < 2) {
        return Result.requeueAfter(Duration.ofMillis(100));
      }
      return Result.done();
    }));
    controller.enqueue("ns/wait");
    controller.enqueue("ns/later");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> runs.get("ns/wait").get() == 3 && runs.get("ns/later").get() == 2);
    assertThat(controller.queue().numRequeues("ns/wait")).isZero();
    assertThat(controller.metrics().errors()).isZero();
  }

  @Test
  void neverTwoWorkersOnOneKey() throws Exception {
    Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    controller = start(Controller.builder("parallel", key -> {
      if (inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      Thread.sleep(2);
      inFlight.get(key).decrementAndGet();
      runs.incrementAndGet();
      return Result.done();
    }).workers(4));
    for (int i = 0; i < 400; i++) {
      controller.enqueue("ns/k" + (i % 3));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> controller.queue().length() == 0
        && inFlight.values().stream().allMatch(v -> v.get() == 0) && runs.get() > 0);
    assertThat(overlaps.get()).isZero();
  }

  @Test
  void stopLetsTheKeyInHandFinishAndEndsTheWorkers() throws Exception {
    List<String> finished = new CopyOnWriteArrayList<>();
    AtomicInteger started = new AtomicInteger();
    controller = start(Controller.builder("stopping", key -> {
      started.incrementAndGet();
      Thread.sleep(300);
      finished.add(key);
      return Result.done();
    }));
    controller.enqueue("ns/a");
    controller.enqueue("ns/b");
    await().until(() -> started.get() == 1);
    controller.stop();
    assertThat(finished).containsExactly("ns/a");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("stopping-worker-"));
    controller = null;
  }

  @Test
  void metricsNameTheControllerAndItsQueue() throws Exception {
    controller = start(Controller.builder("named", key -> Result.done()));
    controller.enqueue("ns/a");
    await().until(() -> controller.metrics().reconciles() == 1);
    assertThat(controller.metrics().collect()).extracting(f -> f.name()).contains(
        "workqueue_depth", "workqueue_adds_total", "controller_runtime_reconcile_total",
        "controller_runtime_reconcile_errors_total", "controller_runtime_reconcile_time_seconds");
    assertThat(io.kubling.component.metrics.PrometheusText.render(controller.metrics().collect()))
        .contains("controller_runtime_reconcile_total{controller=\"named\",result=\"success\"} 1")
        .contains("workqueue_adds_total{name=\"named\"} 1");
  }

  private static Controller start(ControllerBuilder builder) throws Exception {
    Controller c = builder.build();
    c.start();
    return c;
  }
}

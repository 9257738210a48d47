package io.kubling.scheduler;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.scheduler.binder.BindResult;
import io.kubling.scheduler.binder.Binder;
import io.kubling.scheduler.cache.SchedulerCache;
import io.kubling.scheduler.events.EventRecorder;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Profile;
import io.kubling.scheduler.metrics.SchedulerMetrics;
import io.kubling.scheduler.queue.QueuedPodInfo;
import io.kubling.scheduler.queue.SchedulingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling loop: informers feed the queue and the cache; one thread pops a pod, picks a
 * node, assumes the pod there and hands the binding to the {@link Binder}, then moves on to the
 * next pod without waiting for the binding.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  static final long FLUSH_PERIOD_MILLIS = 250;
  static final int EVENT_WRITES_IN_FLIGHT = 4;
  static final long HANDLER_SYNC_MILLIS = 60_000;

  private final KubernetesClient client;
  private final SchedulerOptions options;
  private final SchedulerMetrics metrics;
  private final SchedulingQueue queue = new SchedulingQueue();
  private final SchedulerCache cache = new SchedulerCache();
  private final GenericScheduler algorithm;
  private final Binder binder;
  private final EventRecorder events;
  private final PodConditionUpdater conditions;
  private final ScheduledExecutorService flusher;
  private SharedIndexInformer<Node> nodeInformer;
  private SharedIndexInformer<Pod> podInformer;
  private Thread loop;
  private volatile boolean running;
  /** System.nanoTime() when the informers had synced and the loop started; 0 before. */
  private volatile long syncedNanos;

  public Scheduler(KubernetesClient client, SchedulerOptions options, SchedulerMetrics metrics) {
    this.client = requireNonNull(client, "client should not be null");
    this.options = requireNonNull(options, "options should not be null");
    this.metrics = requireNonNull(metrics, "metrics should not be null");
    this.algorithm = new GenericScheduler(Profile.defaults(), options.percentageOfNodesToScore(),
        ThreadLocalRandom.current());
    this.binder = new Binder(client, options.parallelBindings());
    // Events wait while pods or bindings are backed up: a burst is bound first, its events
    // follow (kube-scheduler's broadcaster likewise never holds up scheduling).
    this.events = new EventRecorder(client, options.schedulerName(), EVENT_WRITES_IN_FLIGHT,
        () -> binder.waiting() > 0 || queue.activeCount() > 0);
    this.conditions = new PodConditionUpdater(client);
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scheduler-queue-flush-" + options.schedulerName());
      t.setDaemon(true);
      return t;
    });
    metrics.queueGauges(queue::activeCount, queue::backoffCount, queue::unschedulableCount);
  }

  /** Starts the informers, waits until they have listed, then starts scheduling. */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("scheduler already started");
    }
    running = true;
    nodeInformer = client.nodes().runnableInformer(0);
    CountingHandler<Node> nodeHandler = new CountingHandler<>(new NodeEventHandler(queue, cache));
    nodeInformer.addEventHandler(nodeHandler);
    podInformer = client.pods().inAnyNamespace().runnableInformer(0);
    SlimPodStore podStore = new SlimPodStore();
    podInformer.itemStore(podStore);
    CountingHandler<Pod> podHandler = new CountingHandler<>(
        new PodEventHandler(options.schedulerName(), queue, cache));
    podInformer.addEventHandler(podHandler);
    try {
      nodeInformer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
      podInformer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
      // The first list's add notifications carry the whole pods by now; keep only slim ones.
      podStore.slimAll();
      // Schedule only once the handlers have taken the first lists in: the cache counts every
      // node and bound pod. Bounded, so a handler that fails cannot hold scheduling up for good.
      if (!nodeHandler.awaitAdds(nodeInformer.getStore().list().size(), HANDLER_SYNC_MILLIS)
          || !podHandler.awaitAdds(podStore.size(), HANDLER_SYNC_MILLIS)) {
        log.atWarn().log("informer handlers had not taken in the first lists; scheduling anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("scheduler informers did not sync", e);
    }
    flusher.scheduleWithFixedDelay(() -> {
      try {
        queue.flush();
        events.drain();
      } catch (RuntimeException e) {
        // A periodic task that throws is never run again; log and keep flushing.
        log.atError().setCause(e).log("queue flush failed");
      }
    }, FLUSH_PERIOD_MILLIS, FLUSH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    syncedNanos = System.nanoTime();
    loop = new Thread(this::run, "scheduler-" + options.schedulerName());
    loop.setDaemon(true);
    loop.start();
    log.atInfo().addKeyValue("scheduler", options.schedulerName())
        .addKeyValue("nodes", cache.nodeCount()).log("scheduling started");
  }

  public boolean running() {
    return running;
  }

  /** When the informers had synced and scheduling began (System.nanoTime()); 0 before. */
  public long syncedNanos() {
    return syncedNanos;
  }

  /** Events queued or being written. */
  public int pendingEvents() {
    return events.pending();
  }

  /** The cache, for tests and diagnostics. */
  public SchedulerCache cache() {
    return cache;
  }

  public SchedulingQueue queue() {
    return queue;
  }

  private void run() {
    while (running) {
      QueuedPodInfo q;
      try {
        q = queue.pop();
      } catch (InterruptedException e) {
        return;
      }
      if (q == null) {
        return;
      }
      try {
        scheduleOne(q);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        metrics.error();
        log.atError().addKeyValue("pod", q.key()).setCause(e).log("scheduling attempt failed");
        queue.addUnschedulable(q, true);
      }
    }
  }

  void scheduleOne(QueuedPodInfo q) throws InterruptedException {
    PodInfo pod = q.podInfo();
    if (pod.pod().getMetadata().getDeletionTimestamp() != null) {
      queue.done(q);
      return;
    }
    long start = System.nanoTime();
    ScheduleResult result = cache.withNodes(nodes -> {
      ScheduleResult r = algorithm.schedule(pod, nodes);
      // A pod the cache already holds was bound meanwhile (by a previous leader, say).
      return r.scheduled() && !cache.assume(pod, r.node()) ? null : r;
    });
    metrics.algorithm((System.nanoTime() - start) / 1e9);
    if (result == null) {
      queue.done(q);
      return;
    }
    if (!result.scheduled()) {
      metrics.unschedulable();
      log.atInfo().addKeyValue("pod", pod.key()).addKeyValue("reason", result.message())
          .log("unable to schedule pod; waiting");
      queue.addUnschedulable(q, false);
      conditions.unschedulable(pod.pod(), result.message());
      events.warning(pod.pod(), "FailedScheduling", result.message());
      return;
    }
    String node = result.node();
    binder.bind(pod.pod().getMetadata().getNamespace(), pod.pod().getMetadata().getName(),
        pod.uid(), node, (r, message) -> bound(q, node, start, r, message));
  }

  private void bound(QueuedPodInfo q, String node, long start, BindResult result, String message) {
    PodInfo pod = q.podInfo();
    if (result == BindResult.BOUND) {
      long now = System.nanoTime();
      metrics.scheduled((now - start) / 1e9, (now - q.initialAttemptNanos()) / 1e9);
      queue.done(q);
      events.normal(pod.pod(), "Scheduled", "Successfully assigned " + pod.key() + " to " + node);
      return;
    }
    // Forgetting frees what the pod held on the node, which may let other pods fit.
    cache.forget(pod.key());
    if (result == BindResult.REFUSED) {
      metrics.bindConflict();
    } else {
      metrics.error();
      events.warning(pod.pod(), "FailedScheduling", "Binding rejected: " + message);
    }
    log.atInfo().addKeyValue("pod", pod.key()).addKeyValue("node", node)
        .addKeyValue("error", message).log("binding failed");
    queue.addUnschedulable(q, true);
    queue.moveAllToActiveOrBackoff();
  }

  /** Stops scheduling and the informers; bindings already sent finish on their own. */
  @Override
  public synchronized void close() {
    running = false;
    queue.close();
    flusher.shutdownNow();
    if (loop != null) {
      loop.interrupt();
    }
    if (podInformer != null) {
      podInformer.stop();
    }
    if (nodeInformer != null) {
      nodeInformer.stop();
    }
    log.atInfo().addKeyValue("scheduler", options.schedulerName()).log("scheduling stopped");
  }
}

package io.kubling.component.controller;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.workqueue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller in the Kubernetes mould: informers turn events into namespace/name keys on a
 * work queue, and N workers run a {@link Reconciler} on each key, one worker per key at a time.
 *
 * <p>Informers belong to whoever created them (often shared between controllers): {@link
 * #start} starts any that are not running yet and waits for all to sync, {@link #stop} only
 * detaches from them.
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  private final String name;
  private final int workers;
  private final Reconciler reconciler;
  private final List<Watch<?>> watches;
  private final WorkQueue<String> queue;
  private final ControllerMetrics metrics;
  private final Duration syncTimeout;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;
  private boolean started;

  /** An informer and the handler this controller puts on it. */
  record Watch<T>(SharedIndexInformer<T> informer, EnqueueHandler<T> handler) {
    /** Attaches the handler and starts the informer; the future completes at its first sync. */
    CompletableFuture<Void> attach() {
      informer.addEventHandler(handler);
      // start() is idempotent and returns the informer's first-sync future either way.
      return informer.start().toCompletableFuture();
    }

    void detach() {
      informer.removeEventHandler(handler);
    }
  }

  Controller(String name, int workers, Reconciler reconciler, List<Watch<?>> watches,
      WorkQueue<String> queue, Duration syncTimeout) {
    this.name = name;
    this.workers = workers;
    this.reconciler = reconciler;
    this.watches = List.copyOf(watches);
    this.queue = queue;
    this.metrics = new ControllerMetrics(name, queue);
    this.syncTimeout = syncTimeout;
  }

  public static ControllerBuilder builder(String name, Reconciler reconciler) {
    return new ControllerBuilder(name, reconciler);
  }

  /**
   * Attaches the handlers, waits until every informer has synced, then starts the workers, so
   * no reconcile ever reads a half-filled cache. Fails if the caches do not sync in time.
   */
  public synchronized void start() throws InterruptedException, TimeoutException {
    if (started) {
      throw new IllegalStateException("controller " + name + " was already started");
    }
    started = true;
    List<CompletableFuture<Void>> syncs = new ArrayList<>();
    for (Watch<?> w : watches) {
      syncs.add(w.attach());
    }
    try {
      CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new))
          .get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      stop();
      throw new IllegalStateException("informers of controller " + name + " failed to sync",
          e.getCause());
    } catch (TimeoutException e) {
      stop();
      throw new TimeoutException("informers of controller " + name + " did not sync within "
          + syncTimeout);
    } catch (InterruptedException e) {
      stop();
      throw e;
    }
    if (stopping) {
      return;
    }
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(new WorkerLoop(name, queue, reconciler, metrics, () -> stopping),
          name + "-worker-" + i);
      t.start();
      threads.add(t);
    }
    log.atInfo().addKeyValue("controller", name).addKeyValue("workers", workers)
        .log("caches synced; workers started");
  }

  /** Stops taking events, lets each worker finish the key in hand, and waits for them. */
  public void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    watches.forEach(Watch::detach);
    queue.shutDown();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threadsSnapshot()) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (t.isAlive()) {
        log.atWarn().addKeyValue("controller", name).addKeyValue("thread", t.getName())
            .log("worker still reconciling at stop; interrupting it");
        t.interrupt();
      }
    }
  }

  public void stop() throws InterruptedException {
    stop(Duration.ofSeconds(10));
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** Adds a key by hand, e.g. for a periodic pass over objects that no event touches. */
  public void enqueue(String key) {
    queue.add(key);
  }

  public boolean hasSynced() {
    return watches.stream().allMatch(w -> w.informer().hasSynced());
  }

  public String name() {
    return name;
  }

  public WorkQueue<String> queue() {
    return queue;
  }

  public ControllerMetrics metrics() {
    return metrics;
  }

  private synchronized List<Thread> threadsSnapshot() {
    return List.copyOf(threads);
  }
}

package io.kubling.component.controller;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubling.component.workqueue.ExponentialBackoff;
import io.kubling.component.workqueue.RateLimiter;
import io.kubling.component.workqueue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/** Collects a controller's informers, worker count and backoff before {@link #build}. */
public final class ControllerBuilder {
  private final String name;
  private final Reconciler reconciler;
  private final List<Function<WorkQueue<String>, Controller.Watch<?>>> watches = new ArrayList<>();
  private int workers = 1;
  private RateLimiter<String> rateLimiter = ExponentialBackoff.defaults();
  private Duration syncTimeout = Duration.ofMinutes(2);

  ControllerBuilder(String name, Reconciler reconciler) {
    this.name = requireNonNull(name, "name should not be null");
    this.reconciler = requireNonNull(reconciler, "reconciler should not be null");
  }

  /** Reconciles each object of the informer under its own namespace/name key. */
  public <T extends HasMetadata> ControllerBuilder watch(SharedIndexInformer<T> informer) {
    return watch(informer, obj -> List.of(Cache.metaNamespaceKeyFunc(obj)));
  }

  /**
   * Reconciles the keys an object maps to, e.g. a Pod to its owning ReplicaSet's key; the
   * mapping runs on the informer's thread, so it must be quick and must not call the API.
   */
  public <T> ControllerBuilder watch(SharedIndexInformer<T> informer,
      Function<? super T, ? extends Collection<String>> keys) {
    requireNonNull(informer, "informer should not be null");
    requireNonNull(keys, "keys should not be null");
    watches.add(queue -> new Controller.Watch<>(informer, new EnqueueHandler<>(keys, queue)));
    return this;
  }

  /**
   * As {@link #watch(SharedIndexInformer, Function)}, but an update is enqueued only when
   * {@code updateMatters(old, new)} says the change can affect the reconcile (adds, deletes
   * and resyncs always are): a controller skips the syncs that other writers' changes to the
   * object would cause, e.g. a ReplicaSet the binding of its pods.
   */
  public <T> ControllerBuilder watch(SharedIndexInformer<T> informer,
      Function<? super T, ? extends Collection<String>> keys,
      BiPredicate<? super T, ? super T> updateMatters) {
    requireNonNull(informer, "informer should not be null");
    requireNonNull(keys, "keys should not be null");
    requireNonNull(updateMatters, "updateMatters should not be null");
    watches.add(queue -> new Controller.Watch<>(informer,
        new EnqueueHandler<>(keys, queue, updateMatters)));
    return this;
  }

  public ControllerBuilder workers(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("a controller needs at least one worker, got " + workers);
    }
    this.workers = workers;
    return this;
  }

  public ControllerBuilder rateLimiter(RateLimiter<String> rateLimiter) {
    this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter should not be null");
    return this;
  }

  /** How long {@link Controller#start} waits for the informers' first sync (2 minutes). */
  public ControllerBuilder syncTimeout(Duration syncTimeout) {
    this.syncTimeout = requireNonNull(syncTimeout, "syncTimeout should not be null");
    return this;
  }

  public Controller build() {
    WorkQueue<String> queue = new WorkQueue<>(name, rateLimiter);
    List<Controller.Watch<?>> built = new ArrayList<>();
    watches.forEach(w -> built.add(w.apply(queue)));
    return new Controller(name, workers, reconciler, built, queue, syncTimeout);
  }
}

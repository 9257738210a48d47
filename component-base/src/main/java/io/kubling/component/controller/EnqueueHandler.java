package io.kubling.component.controller;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubling.component.workqueue.WorkQueue;
import java.util.Collection;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * An informer handler that only turns objects into keys and adds them; the informer's thread
 * must never wait on a reconcile.
 */
final class EnqueueHandler<T> implements ResourceEventHandler<T> {
  private final Function<? super T, ? extends Collection<String>> keys;
  private final WorkQueue<String> queue;
  private final BiPredicate<? super T, ? super T> updateMatters;

  EnqueueHandler(Function<? super T, ? extends Collection<String>> keys, WorkQueue<String> queue) {
    this(keys, queue, (a, b) -> true);
  }

  EnqueueHandler(Function<? super T, ? extends Collection<String>> keys, WorkQueue<String> queue,
      BiPredicate<? super T, ? super T> updateMatters) {
    this.keys = keys;
    this.queue = queue;
    this.updateMatters = updateMatters;
  }

  @Override
  public void onAdd(T obj) {
    enqueue(obj);
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    // Resyncs arrive as updates with the same object; reconcile is idempotent, so let them in.
    if (oldObj == newObj || oldObj == null || updateMatters.test(oldObj, newObj)) {
      enqueue(newObj);
    }
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    enqueue(obj);
  }

  private void enqueue(T obj) {
    if (obj != null) {
      keys.apply(obj).forEach(queue::add);
    }
  }
}

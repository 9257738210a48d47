package io.kubling.component.controller;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubling.component.workqueue.WorkQueue;
import java.util.Collection;
import java.util.function.Function;

/**
 * An informer handler that only turns objects into keys and adds them; the informer's thread
 * must never wait on a reconcile.
 */
final class EnqueueHandler<T> implements ResourceEventHandler<T> {
  private final Function<? super T, ? extends Collection<String>> keys;
  private final WorkQueue<String> queue;

  EnqueueHandler(Function<? super T, ? extends Collection<String>> keys, WorkQueue<String> queue) {
    this.keys = keys;
    this.queue = queue;
  }

  @Override
  public void onAdd(T obj) {
    enqueue(obj);
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    // Resyncs arrive as updates with the same object; reconcile is idempotent, so let them in.
    enqueue(newObj);
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

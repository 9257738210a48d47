package io.kubling.scheduler;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * A handler that counts the adds it has passed on, so the scheduler can wait until its
 * handlers have taken in the informer's first list. fabric8 reports an informer synced once its
 * store holds the list, but runs the handlers of that list's adds afterwards; scheduling at
 * once would choose nodes from a cache that does not yet count the pods already bound (as
 * kube-scheduler waits for its handlers to sync before it schedules).
 */
final class CountingHandler<T> implements ResourceEventHandler<T> {
  private final ResourceEventHandler<T> delegate;
  private long adds;

  CountingHandler(ResourceEventHandler<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void onAdd(T obj) {
    try {
      delegate.onAdd(obj);
    } finally {
      synchronized (this) {
        adds++;
        notifyAll();
      }
    }
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    delegate.onUpdate(oldObj, newObj);
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    delegate.onDelete(obj, deletedFinalStateUnknown);
  }

  @Override
  public void onNothing() {
    delegate.onNothing();
  }

  /**
   * Waits until at least {@code n} adds have been handled, at most {@code maxMillis}; whether
   * they were. Every object in an informer's store when it synced gets an add, so its store's
   * size then is what to wait for.
   */
  synchronized boolean awaitAdds(long n, long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    while (adds < n) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}

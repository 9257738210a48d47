package io.kubling.component.workqueue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The FIFO core of the work queue, after client-go's workqueue.Type: a key waits at most once
 * ("dirty"), and a key being processed is not handed out again until {@link #done} — if it was
 * added meanwhile, {@code done} puts it back so the newest state is processed once more.
 */
final class KeyQueue<K> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private boolean shuttingDown;

  /** Returns true when the key was queued, false when it was already waiting or we shut down. */
  boolean add(K key) {
    lock.lock();
    try {
      if (shuttingDown || !dirty.add(key)) {
        return false;
      }
      // A key in flight stays only dirty; done() queues it so no two workers hold it at once.
      if (!processing.contains(key)) {
        queue.addLast(key);
        changed.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until a key is ready; empty once the queue is shut down and drained. */
  Optional<K> get() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty() && !shuttingDown) {
        changed.await();
      }
      K key = queue.pollFirst();
      if (key == null) {
        return Optional.empty();
      }
      processing.add(key);
      dirty.remove(key);
      return Optional.of(key);
    } finally {
      lock.unlock();
    }
  }

  void done(K key) {
    lock.lock();
    try {
      if (processing.remove(key) && dirty.contains(key)) {
        queue.addLast(key);
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  int length() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  void shutDown() {
    lock.lock();
    try {
      shuttingDown = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean shuttingDown() {
    lock.lock();
    try {
      return shuttingDown;
    } finally {
      lock.unlock();
    }
  }
}

package io.kubling.scheduler.queue;

import io.kubling.scheduler.framework.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Kubernetes' PriorityQueue of pods to schedule: an active queue ordered by priority, then age;
 * a backoff queue of pods waiting out their backoff after a failed attempt; and the
 * unschedulable pods, which wait for a cluster event (a node added or changed, a pod deleted)
 * that may let them fit, or five minutes.
 */
public final class SchedulingQueue {
  static final Duration MAX_IN_UNSCHEDULABLE = Duration.ofMinutes(5);

  private static final Comparator<QueuedPodInfo> ACTIVE_ORDER = Comparator
      .comparingInt((QueuedPodInfo q) -> -q.podInfo.priority())
      .thenComparingLong(q -> q.timestampNanos)
      .thenComparingLong(q -> q.seq);

  private final LongSupplier clock;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final PriorityQueue<QueuedPodInfo> active = new PriorityQueue<>(ACTIVE_ORDER);
  private final PriorityQueue<QueuedPodInfo> backoff = new PriorityQueue<>(
      Comparator.comparingLong((QueuedPodInfo q) -> q.backoffExpiryNanos)
          .thenComparingLong(q -> q.seq));
  private final Map<String, QueuedPodInfo> unschedulable = new HashMap<>();
  /** Every pod the queue knows, wherever it is, in flight included. */
  private final Map<String, QueuedPodInfo> pods = new HashMap<>();
  private long seq;
  private boolean closed;

  public SchedulingQueue() {
    this(System::nanoTime, Backoff.INITIAL, Backoff.MAX);
  }

  public SchedulingQueue(LongSupplier clock, Duration initialBackoff, Duration maxBackoff) {
    this.clock = clock;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** A new pod to schedule; a pod already known is updated instead. */
  public synchronized void add(PodInfo pod) {
    QueuedPodInfo q = pods.get(pod.key());
    if (q != null) {
      update(pod);
      return;
    }
    q = new QueuedPodInfo(pod, clock.getAsLong(), seq++);
    pods.put(pod.key(), q);
    toActive(q);
  }

  /**
   * The pod changed (labels, tolerations...). A pod waiting as unschedulable is given another
   * chance now (or after its backoff), since the change may be what makes it fit.
   */
  public synchronized void update(PodInfo pod) {
    QueuedPodInfo q = pods.get(pod.key());
    if (q == null) {
      add(pod);
      return;
    }
    q.podInfo = pod;
    switch (q.where) {
      case ACTIVE -> {
        active.remove(q);
        active.add(q);
      }
      case BACKOFF -> { } // keyed by expiry, which did not change
      case UNSCHEDULABLE -> {
        unschedulable.remove(pod.key());
        moveOut(q, clock.getAsLong());
      }
      case IN_FLIGHT -> q.movedWhileInFlight = true;
    }
  }

  /** The pod is gone, or now bound: forget it wherever it waits. */
  public synchronized void delete(String key) {
    QueuedPodInfo q = pods.remove(key);
    if (q == null) {
      return;
    }
    switch (q.where) {
      case ACTIVE -> active.remove(q);
      case BACKOFF -> backoff.remove(q);
      case UNSCHEDULABLE -> unschedulable.remove(key);
      case IN_FLIGHT -> { }
    }
  }

  /** The next pod to schedule, waiting until there is one; null once closed. */
  public synchronized QueuedPodInfo pop() throws InterruptedException {
    while (active.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return null;
    }
    QueuedPodInfo q = active.poll();
    q.where = QueuedPodInfo.Where.IN_FLIGHT;
    q.movedWhileInFlight = false;
    q.attempts++;
    return q;
  }

  /** The attempt for a popped pod ended in success: the queue lets it go. */
  public synchronized void done(QueuedPodInfo q) {
    if (pods.get(q.key()) == q && q.where == QueuedPodInfo.Where.IN_FLIGHT) {
      pods.remove(q.key());
    }
  }

  /**
   * A popped pod did not fit (or its binding failed). It waits as unschedulable for a cluster
   * event, unless one came while it was being scheduled: then it only waits out its backoff.
   */
  public synchronized void addUnschedulable(QueuedPodInfo q, boolean retryAfterBackoff) {
    if (pods.get(q.key()) != q || q.where != QueuedPodInfo.Where.IN_FLIGHT) {
      return; // deleted or bound meanwhile
    }
    long now = clock.getAsLong();
    q.timestampNanos = now;
    q.backoffExpiryNanos = now + Backoff.duration(q.attempts, initialBackoff, maxBackoff).toNanos();
    if (retryAfterBackoff || q.movedWhileInFlight) {
      q.where = QueuedPodInfo.Where.BACKOFF;
      backoff.add(q);
    } else {
      q.where = QueuedPodInfo.Where.UNSCHEDULABLE;
      unschedulable.put(q.key(), q);
    }
  }

  /**
   * A cluster event that may make unschedulable pods fit: each goes to the backoff queue if
   * still backing off, else to the active queue. Pods in flight retry after their backoff.
   */
  public synchronized void moveAllToActiveOrBackoff() {
    long now = clock.getAsLong();
    for (QueuedPodInfo q : unschedulable.values()) {
      moveOut(q, now);
    }
    unschedulable.clear();
    for (QueuedPodInfo q : pods.values()) {
      if (q.where == QueuedPodInfo.Where.IN_FLIGHT) {
        q.movedWhileInFlight = true;
      }
    }
  }

  /**
   * Moves pods whose backoff has expired to the active queue, and pods unschedulable for
   * five minutes back into play; run periodically.
   */
  public synchronized void flush() {
    long now = clock.getAsLong();
    while (!backoff.isEmpty() && backoff.peek().backoffExpiryNanos <= now) {
      toActive(backoff.poll());
    }
    List<QueuedPodInfo> stale = new ArrayList<>();
    for (QueuedPodInfo q : unschedulable.values()) {
      if (now - q.timestampNanos >= MAX_IN_UNSCHEDULABLE.toNanos()) {
        stale.add(q);
      }
    }
    for (QueuedPodInfo q : stale) {
      unschedulable.remove(q.key());
      moveOut(q, now);
    }
  }

  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  public synchronized int activeCount() {
    return active.size();
  }

  public synchronized int backoffCount() {
    return backoff.size();
  }

  public synchronized int unschedulableCount() {
    return unschedulable.size();
  }

  /** Whether the queue holds the pod (in flight included). */
  public synchronized boolean contains(String key) {
    return pods.containsKey(key);
  }

  private void moveOut(QueuedPodInfo q, long now) {
    if (q.backoffExpiryNanos > now) {
      q.where = QueuedPodInfo.Where.BACKOFF;
      backoff.add(q);
    } else {
      toActive(q);
    }
  }

  private void toActive(QueuedPodInfo q) {
    q.where = QueuedPodInfo.Where.ACTIVE;
    active.add(q);
    notifyAll();
  }
}

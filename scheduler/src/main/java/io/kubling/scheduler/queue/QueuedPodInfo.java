package io.kubling.scheduler.queue;

import io.kubling.scheduler.framework.PodInfo;

/**
 * A pod waiting in the scheduling queue, with what the queue tracks about it: when it was
 * queued, when it was first queued (for end-to-end latency), and how many attempts it had.
 */
public final class QueuedPodInfo {
  enum Where { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT }

  PodInfo podInfo;
  /** When the pod was last added to a queue, or last failed; orders the active queue. */
  long timestampNanos;
  final long initialAttemptNanos;
  int attempts;
  long backoffExpiryNanos;
  Where where;
  /** Updated or moved while being scheduled: on failure, retry after backoff. */
  boolean movedWhileInFlight;
  final long seq;

  QueuedPodInfo(PodInfo podInfo, long nowNanos, long seq) {
    this.podInfo = podInfo;
    this.timestampNanos = nowNanos;
    this.initialAttemptNanos = nowNanos;
    this.seq = seq;
  }

  public PodInfo podInfo() {
    return podInfo;
  }

  public String key() {
    return podInfo.key();
  }

  /** Attempts so far, this one included once popped. */
  public int attempts() {
    return attempts;
  }

  /** When the pod first entered the queue, on the queue's clock (System.nanoTime by default). */
  public long initialAttemptNanos() {
    return initialAttemptNanos;
  }
}

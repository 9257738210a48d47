package io.kubling.component.controller;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** What a {@link Reconciler} asks of the queue after one pass: nothing more, retry, or come back later. */
public final class Result {
  private static final Result DONE = new Result(false, null);
  private static final Result REQUEUE = new Result(true, null);

  private final boolean requeue;
  private final Duration after;

  private Result(boolean requeue, Duration after) {
    this.requeue = requeue;
    this.after = after;
  }

  /** Done until the next event for the key. */
  public static Result done() {
    return DONE;
  }

  /** Run again after the key's backoff, which keeps growing (not an error, e.g. waiting for a cache). */
  public static Result requeue() {
    return REQUEUE;
  }

  /** Run again after {@code delay}, with the backoff reset, e.g. to re-check an expiry. */
  public static Result requeueAfter(Duration delay) {
    requireNonNull(delay, "delay should not be null");
    return new Result(false, delay);
  }

  public boolean isRequeue() {
    return requeue;
  }

  public Optional<Duration> requeueAfter() {
    return Optional.ofNullable(after);
  }

  @Override
  public String toString() {
    return requeue ? "requeue" : after != null ? "requeueAfter(" + after + ")" : "done";
  }
}

package io.kubling.component.workqueue;

import java.time.Duration;

/** Decides how long a key waits before its next retry, as client-go's workqueue.RateLimiter does. */
public interface RateLimiter<K> {

  /** Records one more failure of {@code key} and returns how long it should wait now. */
  Duration when(K key);

  /** Clears the key's failure history, so its next failure starts from the base delay. */
  void forget(K key);

  /** How many failures of {@code key} have been recorded since it was last forgotten. */
  int retries(K key);
}

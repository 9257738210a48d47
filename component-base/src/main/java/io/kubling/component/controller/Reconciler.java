package io.kubling.component.controller;

/**
 * A controller's one method: bring the object named by {@code key} to its desired state.
 *
 * <p>It re-reads the latest object from its informer's cache (the queue carries keys, never
 * objects); "not found" means deleted, nothing to do. It must be idempotent, since a key can
 * come back any number of times. Throwing requeues the key with backoff; an object that can
 * never succeed should be logged and answered with {@link Result#done()}.
 */
@FunctionalInterface
public interface Reconciler {
  Result reconcile(String key) throws Exception;
}

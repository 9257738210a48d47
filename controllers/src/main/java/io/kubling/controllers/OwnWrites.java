package io.kubling.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects a controller itself wrote last, kept until its informer has caught up with them.
 *
 * <p>A controller that writes an object's status and syncs the same object again a few
 * milliseconds later (the next pod event) would otherwise read the version its own write
 * replaced, compute its status against that, and have the write refused with 409 Conflict —
 * fighting its own writes. Here the answer of the write (the API server's new version) stands
 * in for the cached object as long as the cache still shows a version that one of this
 * controller's writes replaced. Any other version in the cache (a write by someone else, or
 * the cache reaching ours) wins, and the entry is dropped: only the versions this controller
 * itself superseded are ever overridden.
 */
public final class OwnWrites<T extends HasMetadata> {
  private record Written<T>(Set<String> superseded, T object) {}

  private final Map<String, Written<T>> byKey = new ConcurrentHashMap<>();

  /**
   * Records that the object at {@code key}, at resourceVersion {@code base}, was replaced by
   * {@code written} (the API server's answer to the write).
   */
  public void wrote(String key, String base, T written) {
    if (base == null || written == null) {
      byKey.remove(key); // nothing to tell the cached version by
      return;
    }
    byKey.compute(key, (k, prior) -> {
      Set<String> superseded = new HashSet<>();
      // A write on top of our own previous write: the cache may still show either older one.
      if (prior != null
          && base.equals(prior.object().getMetadata().getResourceVersion())) {
        superseded.addAll(prior.superseded());
      }
      superseded.add(base);
      return new Written<>(Set.copyOf(superseded), written);
    });
  }

  /** The cached object, or this controller's newer write of it while the cache lags behind. */
  public T freshest(String key, T cached) {
    Written<T> w = byKey.get(key);
    if (w == null) {
      return cached;
    }
    if (cached != null && w.superseded().contains(cached.getMetadata().getResourceVersion())) {
      return w.object();
    }
    byKey.remove(key, w);
    return cached;
  }

  /** How many objects are held, for tests. */
  int size() {
    return byKey.size();
  }
}

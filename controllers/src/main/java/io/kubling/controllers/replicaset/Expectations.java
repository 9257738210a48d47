package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubling.controllers.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a controller has asked for and not yet seen in its cache: the names of pods it created
 * and of pods it deleted, per owner key. While any are outstanding the owner does not count
 * its pods again, so a cache that lags behind the controller's own writes never makes it
 * create or delete twice. Expectations expire after five minutes, as in Kubernetes, in case
 * an event was missed.
 */
public final class Expectations {
  static final Duration TTL = Duration.ofMinutes(5);

  private record Pending(Set<String> creates, Set<String> deletes, Instant since) {}

  private final Map<String, Pending> byKey = new ConcurrentHashMap<>();

  /** Records that these pods are about to be created (before the requests go out). */
  public void expectCreations(String key, Collection<String> names, Instant now) {
    byKey.put(key, new Pending(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), now));
    byKey.get(key).creates().addAll(names);
  }

  public void expectDeletions(String key, Collection<String> names, Instant now) {
    byKey.put(key, new Pending(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), now));
    byKey.get(key).deletes().addAll(names);
  }

  /** A create that failed will never be observed. */
  public void creationFailed(String key, String name) {
    Pending p = byKey.get(key);
    if (p != null) {
      p.creates().remove(name);
    }
  }

  public void deletionFailed(String key, String name) {
    Pending p = byKey.get(key);
    if (p != null) {
      p.deletes().remove(name);
    }
  }

  /** An informer saw this pod (any event): its creation is observed. */
  public void observed(String key, Pod pod) {
    Pending p = byKey.get(key);
    if (p != null) {
      p.creates().remove(pod.getMetadata().getName());
      if (!Pods.isActive(pod)) {
        p.deletes().remove(pod.getMetadata().getName());
      }
    }
  }

  /**
   * Whether the owner may count its pods: every expected create is in the cache and every
   * expected delete is gone from it or terminating — or the expectations expired.
   */
  public boolean satisfied(String key, Function<String, Pod> cache, Instant now) {
    Pending p = byKey.get(key);
    if (p == null) {
      return true;
    }
    p.creates().removeIf(name -> cache.apply(name) != null);
    p.deletes().removeIf(name -> {
      Pod pod = cache.apply(name);
      return pod == null || !Pods.isActive(pod);
    });
    if ((p.creates().isEmpty() && p.deletes().isEmpty())
        || p.since().plus(TTL).isBefore(now)) {
      byKey.remove(key);
      return true;
    }
    return false;
  }

  public void forget(String key) {
    byKey.remove(key);
  }

  /** Outstanding names, for tests and logs. */
  public Set<String> pending(String key) {
    Pending p = byKey.get(key);
    Set<String> out = new HashSet<>();
    if (p != null) {
      out.addAll(p.creates());
      out.addAll(p.deletes());
    }
    return out;
  }
}

package io.kubling.proxy.userspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kubling.proxy.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the backend of one service port in userspace mode: round robin over the ready endpoints,
 * or — with sessionAffinity ClientIP — the endpoint the client used last, remembered until it
 * has been idle for the affinity timeout (a Caffeine cache with expire-after-access).
 */
public final class ServiceBalancer {
  private volatile List<Endpoint> endpoints = List.of();
  private final AtomicInteger next = new AtomicInteger();
  private final Cache<String, Endpoint> affinity;

  /** @param affinityTimeoutSeconds 0 for no session affinity */
  public ServiceBalancer(int affinityTimeoutSeconds) {
    this.affinity = affinityTimeoutSeconds > 0
        ? Caffeine.newBuilder().expireAfterAccess(Duration.ofSeconds(affinityTimeoutSeconds))
            .build()
        : null;
  }

  public void setEndpoints(List<Endpoint> endpoints) {
    this.endpoints = List.copyOf(endpoints);
    if (affinity != null) {
      // a client pinned to an endpoint that left must be placed again
      affinity.asMap().values().removeIf(e -> !endpoints.contains(e));
    }
  }

  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * The backend for a new connection from {@code clientIP}, skipping the ones that already
   * failed for this connection; empty when none is left.
   */
  public Optional<Endpoint> pick(String clientIP, Set<Endpoint> failed) {
    List<Endpoint> eps = endpoints;
    if (affinity != null) {
      Endpoint pinned = affinity.getIfPresent(clientIP);
      if (pinned != null && !failed.contains(pinned) && eps.contains(pinned)) {
        return Optional.of(pinned);
      }
    }
    for (int tries = 0; tries < eps.size(); tries++) {
      Endpoint e = eps.get(Math.floorMod(next.getAndIncrement(), eps.size()));
      if (!failed.contains(e)) {
        if (affinity != null) {
          affinity.put(clientIP, e);
        }
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}

package io.kubling.ingress.proxy;

import io.kubling.ingress.route.Backend;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Where each backend's next request starts in its endpoint list; survives snapshot swaps. */
final class RoundRobin {
  private final ConcurrentHashMap<Backend, AtomicInteger> next = new ConcurrentHashMap<>();

  int start(Backend b, int endpoints) {
    int n = next.computeIfAbsent(b, k -> new AtomicInteger()).getAndIncrement();
    return Math.floorMod(n, endpoints);
  }
}

package io.kubling.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.proxy.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceBalancerTest {
  private static final Endpoint A = new Endpoint("10.244.1.2", 80, "n");
  private static final Endpoint B = new Endpoint("10.244.1.3", 80, "n");
  private static final Endpoint C = new Endpoint("10.244.1.4", 80, "n");

  @Test
  void roundRobin() {
    ServiceBalancer b = new ServiceBalancer(0);
    b.setEndpoints(List.of(A, B, C));
    Map<Endpoint, Integer> h = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      h.merge(b.pick("10.0.0." + i % 7, Set.of()).orElseThrow(), 1, Integer::sum);
    }
    assertThat(h).containsEntry(A, 100).containsEntry(B, 100).containsEntry(C, 100);
  }

  @Test
  void affinityPinsUntilTheEndpointFailsOrLeaves() {
    ServiceBalancer b = new ServiceBalancer(10800);
    b.setEndpoints(List.of(A, B, C));
    Endpoint first = b.pick("10.0.0.1", Set.of()).orElseThrow();
    for (int i = 0; i < 10; i++) {
      assertThat(b.pick("10.0.0.1", Set.of())).contains(first);
    }
    assertThat(b.pick("10.0.0.1", Set.of(first))).isPresent().get().isNotEqualTo(first);
    b.setEndpoints(List.of(C));
    assertThat(b.pick("10.0.0.1", Set.of())).contains(C);
  }

  @Test
  void retriesSkipFailedEndpointsAndGiveUpWhenAllFailed() {
    ServiceBalancer b = new ServiceBalancer(0);
    b.setEndpoints(List.of(A, B));
    assertThat(b.pick("c", Set.of(A))).contains(B);
    assertThat(b.pick("c", Set.of(A, B))).isEmpty();
    b.setEndpoints(List.of());
    assertThat(b.pick("c", Set.of())).isEmpty();
  }
}

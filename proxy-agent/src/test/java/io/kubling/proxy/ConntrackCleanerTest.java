package io.kubling.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConntrackCleanerTest {
  @Test
  void onlyRemovedUdpEndpointsAreStale() {
    ProxySnapshot before = TestSnapshots.mixed();
    ProxySnapshot after = new ProxySnapshot(before.services(),
        Map.of(TestSnapshots.WEB, List.of(TestSnapshots.ep("10.244.1.2", "node-1"))),
        TestSnapshots.NODE);
    assertThat(ConntrackCleaner.staleUdpFlows(before, after))
        .containsExactly(new ConntrackCleaner.StaleFlow("10.96.0.13", "10.244.1.5"));
    assertThat(ConntrackCleaner.staleUdpFlows(before, before)).isEmpty();
    assertThat(ConntrackCleaner.staleUdpFlows(null, after)).isEmpty();
  }
}

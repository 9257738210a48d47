package io.kubling.proxy.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.Proxier;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePortName;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sync loop against a real API server, with a recording proxier as the data path. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncLoopTest {
  static final NodeConfig NODE = new NodeConfig("node-1", List.of("192.168.50.1"),
      "10.244.0.0/16", "10.96.0.0/12");
  private static final ServicePortName WEB = new ServicePortName("default", "web", "http");

  record Sync(ProxySnapshot snapshot, Set<ServicePortName> changed, long atNanos) {}

  static final class RecordingProxier implements Proxier {
    final List<Sync> syncs = new CopyOnWriteArrayList<>();

    @Override
    public void sync(ProxySnapshot snapshot, Set<ServicePortName> changed) {
      syncs.add(new Sync(snapshot, changed, System.nanoTime()));
    }

    @Override
    public void cleanup() {}

    Sync last() {
      return syncs.get(syncs.size() - 1);
    }
  }

  private ProxyTestCluster cluster;
  private final RecordingProxier proxier = new RecordingProxier();
  private SyncLoop loop;

  @BeforeAll
  void start() {
    cluster = new ProxyTestCluster();
    loop = SyncLoop.watching(cluster.client, NODE, proxier, Duration.ofMillis(500),
        Duration.ofHours(1));
  }

  @AfterAll
  void stop() {
    if (loop != null) {
      loop.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void servicesAndSlicesFlowIntoSyncsThatAreDebouncedSkippedAndIncremental() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> loop.fullSyncs() >= 1);

    // a service and its endpoints arrive: an incremental sync naming just that service
    cluster.createService("web", "NodePort", "None");
    cluster.createService("headless", "ClusterIP", "None", "None");
    cluster.writeEndpointSlice("web", List.of("10.244.1.2", "10.244.1.3", "10.244.1.4"),
        List.of());
    await().atMost(Duration.ofSeconds(20)).until(() ->
        proxier.last().snapshot().endpointsOf(WEB).size() == 3);
    Sync s = proxier.last();
    assertThat(s.changed()).contains(WEB);
    assertThat(s.snapshot().services()).extracting(sp -> sp.name().name())
        .contains("web").doesNotContain("headless");
    assertThat(s.snapshot().services().stream().filter(sp -> sp.name().equals(WEB))
        .findFirst().orElseThrow().nodePort()).isBetween(30000, 32767);

    // a pod turns unready: only ready endpoints, only that service rewritten
    cluster.writeEndpointSlice("web", List.of("10.244.1.2", "10.244.1.3"),
        List.of("10.244.1.4"));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        proxier.last().snapshot().endpointsOf(WEB).size() == 2);
    assertThat(proxier.last().changed()).containsExactly(WEB);

    // a change that does not touch the rules is skipped
    long before = proxier.syncs.size();
    long skippedBefore = loop.skippedSyncs();
    cluster.client.services().inNamespace("default").withName("web")
        .edit(svc -> { svc.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
          return svc; });
    await().atMost(Duration.ofSeconds(20)).until(() -> loop.skippedSyncs() > skippedBefore);
    assertThat(proxier.syncs).hasSize((int) before);

    // a burst of ten changes within the min-sync-period becomes at most a few syncs
    int burstStart = proxier.syncs.size();
    for (int i = 0; i < 10; i++) {
      cluster.writeEndpointSlice("web", List.of("10.244.1.2", "10.244.9." + i), List.of());
    }
    await().atMost(Duration.ofSeconds(20)).until(() ->
        proxier.last().snapshot().endpointsOf(WEB).stream().anyMatch(e ->
            e.ip().equals("10.244.9.9")));
    Thread.sleep(1200);
    int burstSyncs = proxier.syncs.size() - burstStart;
    assertThat(burstSyncs).isBetween(1, 5);
    // and consecutive syncs are at least min-sync-period apart
    for (int i = Math.max(1, burstStart); i < proxier.syncs.size(); i++) {
      assertThat(proxier.syncs.get(i).atNanos() - proxier.syncs.get(i - 1).atNanos())
          .isGreaterThanOrEqualTo(Duration.ofMillis(450).toNanos());
    }
  }
}

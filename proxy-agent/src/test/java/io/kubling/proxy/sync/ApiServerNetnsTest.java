package io.kubling.proxy.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.RuleProxier;
import io.kubling.proxy.netns.NetnsLab;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on one node: Services and EndpointSlices written to the API server reach the lab's
 * node namespace as rules through the sync loop, and real connections follow them.
 */
class ApiServerNetnsTest {
  private static final NodeConfig NODE = new NodeConfig("node-1", List.of(NetnsLab.NODE_IP),
      "10.244.0.0/16", "10.96.0.0/12");

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables"})
  void servicesFromTheApiServerCarryRealTraffic(String mode) throws Exception {
    assumeTrue(NetnsLab.available(), "needs root and iproute2 to create network namespaces");
    try (NetnsLab lab = new NetnsLab(); ProxyTestCluster cluster = new ProxyTestCluster()) {
      lab.startServers();
      RuleProxier proxier = mode.equals("iptables") ? RuleProxier.iptables(lab.in(lab.node()))
          : RuleProxier.nftables(lab.in(lab.node()));
      try (SyncLoop loop = SyncLoop.watching(cluster.client, NODE, proxier,
          Duration.ofMillis(200), Duration.ofMinutes(5))) {
        String ip = cluster.createService("web", "NodePort", "None").getSpec().getClusterIP();
        int nodePort = cluster.client.services().inNamespace("default").withName("web").get()
            .getSpec().getPorts().get(0).getNodePort();
        cluster.writeEndpointSlice("web", List.of("10.244.1.2", "10.244.1.3", "10.244.1.4"),
            List.of());
        await().atMost(Duration.ofSeconds(20)).until(() ->
            !lab.requests(lab.clientPod(), ip, 80, 1).get(0).startsWith("ERR"));

        Map<String, Integer> h = histogram(lab.requests(lab.clientPod(), ip, 80, 300));
        assertThat(h.keySet()).containsExactlyInAnyOrder("pod-a", "pod-b", "pod-c");
        h.values().forEach(c -> assertThat(c).isBetween(60, 141));
        assertThat(histogram(lab.requests(lab.other(), NetnsLab.NODE_IP, nodePort, 30))
            .keySet()).isSubsetOf("pod-a", "pod-b", "pod-c");

        // pod-c turns unready, then the service is scaled to zero
        cluster.writeEndpointSlice("web", List.of("10.244.1.2", "10.244.1.3"),
            List.of("10.244.1.4"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
            !histogram(lab.requests(lab.clientPod(), ip, 80, 30)).containsKey("pod-c"));
        assertThat(histogram(lab.requests(lab.clientPod(), ip, 80, 60)).keySet())
            .containsExactlyInAnyOrder("pod-a", "pod-b");
        cluster.writeEndpointSlice("web", List.of(), List.of());
        await().atMost(Duration.ofSeconds(20)).until(() ->
            lab.requests(lab.clientPod(), ip, 80, 1).get(0)
                .startsWith("ERR:ConnectionRefusedError"));
        String refused = lab.requests(lab.clientPod(), ip, 80, 1).get(0);
        assertThat(Double.parseDouble(refused.split(":")[2])).isLessThan(0.5);
      } finally {
        proxier.cleanup();
      }
    }
  }

  private static Map<String, Integer> histogram(List<String> answers) {
    Map<String, Integer> h = new TreeMap<>();
    answers.forEach(a -> h.merge(a.startsWith("ERR:") ? a.split(":")[1] : a, 1, Integer::sum));
    return h;
  }
}

package io.kubling.proxy.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.proxy.Endpoint;
import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.Protocol;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePort;
import io.kubling.proxy.ServicePortName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeLocalDnsTest {
  static final NodeConfig NODE = new NodeConfig("node-1", List.of("10.250.0.1"),
      "10.244.0.0/16", "10.96.0.0/12");
  static final ServicePortName DNS = new ServicePortName("kube-system", "kube-dns", "dns");
  static final ServicePortName WEB = new ServicePortName("default", "web", "http");

  @Test
  void kubeDnsPointsAtThisNodesServerAndNothingElseChanges() {
    Endpoint pod = new Endpoint("10.244.2.5", 8080, "node-2");
    ProxySnapshot in = new ProxySnapshot(List.of(
        ServicePort.clusterIP(DNS, Protocol.UDP, "10.96.0.10", 53),
        ServicePort.clusterIP(WEB, Protocol.TCP, "10.96.0.20", 80)),
        Map.of(DNS, List.of(new Endpoint("10.244.9.9", 53, "node-9")), WEB, List.of(pod)), NODE);
    ProxySnapshot out = NodeLocalDns.route(in, "10.250.0.1", 53);
    assertThat(out.endpointsOf(DNS)).containsExactly(new Endpoint("10.250.0.1", 53, "node-1"));
    assertThat(out.endpointsOf(WEB)).containsExactly(pod);
    assertThat(out.services()).isEqualTo(in.services());
  }

  @Test
  void withoutKubeDnsTheSnapshotIsUntouched() {
    ProxySnapshot in = new ProxySnapshot(List.of(
        ServicePort.clusterIP(WEB, Protocol.TCP, "10.96.0.20", 80)), Map.of(), NODE);
    assertThat(NodeLocalDns.route(in, "10.250.0.1", 53)).isSameAs(in);
  }
}

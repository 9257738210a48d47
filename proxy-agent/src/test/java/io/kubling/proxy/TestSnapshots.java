package io.kubling.proxy;

import java.util.List;
import java.util.Map;

/** Snapshots shared by the renderer tests: one of each kind of service the rules handle. */
public final class TestSnapshots {
  private TestSnapshots() {}

  public static final NodeConfig NODE =
      new NodeConfig("node-1", List.of("192.168.50.1"), "10.244.0.0/16", "10.96.0.0/12");

  public static final ServicePortName WEB = new ServicePortName("ns1", "web", "http");
  public static final ServicePortName STICKY = new ServicePortName("ns1", "sticky", "");
  public static final ServicePortName EMPTY = new ServicePortName("ns1", "empty", "http");
  public static final ServicePortName DNS = new ServicePortName("ns2", "dns", "dns");
  public static final ServicePortName LOCAL = new ServicePortName("ns2", "local", "http");

  public static Endpoint ep(String ip, String node) {
    return new Endpoint(ip, 8080, node);
  }

  /** Five service ports: NodePort with 3 endpoints, ClientIP affinity, none ready, UDP, eTP Local. */
  public static ProxySnapshot mixed() {
    return new ProxySnapshot(
        List.of(
            ServicePort.clusterIP(WEB, Protocol.TCP, "10.96.0.10", 80).withNodePort(30080),
            ServicePort.clusterIP(STICKY, Protocol.TCP, "10.96.0.11", 80)
                .withAffinity(ServicePort.DEFAULT_AFFINITY_TIMEOUT),
            ServicePort.clusterIP(EMPTY, Protocol.TCP, "10.96.0.12", 80).withNodePort(30081),
            ServicePort.clusterIP(DNS, Protocol.UDP, "10.96.0.13", 53),
            ServicePort.clusterIP(LOCAL, Protocol.TCP, "10.96.0.14", 80).withNodePort(30082)
                .withPolicies(true, false)),
        Map.of(
            WEB, List.of(ep("10.244.1.3", "node-1"), ep("10.244.1.2", "node-1"),
                ep("10.244.2.2", "node-2")),
            STICKY, List.of(ep("10.244.1.4", "node-1"), ep("10.244.2.4", "node-2")),
            DNS, List.of(new Endpoint("10.244.1.5", 53, "node-1")),
            LOCAL, List.of(ep("10.244.2.6", "node-2"))),
        NODE);
  }

  /** {@code services} ClusterIP service ports with {@code endpoints} endpoints each. */
  public static ProxySnapshot large(int services, int endpoints) {
    List<ServicePort> sps = new java.util.ArrayList<>();
    Map<ServicePortName, List<Endpoint>> eps = new java.util.HashMap<>();
    for (int s = 0; s < services; s++) {
      ServicePortName n = new ServicePortName("bench", "svc-" + s, "http");
      sps.add(ServicePort.clusterIP(n, Protocol.TCP,
          "10.96." + ((s >> 8) & 255) + "." + (s & 255), 80));
      List<Endpoint> list = new java.util.ArrayList<>();
      for (int e = 0; e < endpoints; e++) {
        int v = s * endpoints + e;
        list.add(new Endpoint("10." + (244 + (v >> 16)) + "." + ((v >> 8) & 255) + "." + (v & 255), 8080,
            "node-" + (e % 3)));
      }
      eps.put(n, list);
    }
    return new ProxySnapshot(sps, eps, NODE);
  }

  public static final ServicePortName BOTH = new ServicePortName("ns3", "both", "http");

  /** Local traffic policies both ways, a load-balancer IP and an external IP. */
  public static ProxySnapshot policies() {
    return new ProxySnapshot(
        List.of(ServicePort.clusterIP(BOTH, Protocol.TCP, "10.96.0.20", 80).withNodePort(30090)
            .withPolicies(true, true)
            .withExternal(List.of("192.168.60.20"), List.of("192.168.60.10"))),
        Map.of(BOTH, List.of(ep("10.244.1.7", "node-1"), ep("10.244.2.7", "node-2"))),
        NODE);
  }
}

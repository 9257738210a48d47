package io.kubling.proxy.netns;

import io.kubling.proxy.Endpoint;
import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.Protocol;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePort;
import io.kubling.proxy.ServicePortName;
import java.util.List;
import java.util.Map;

/** The services the real-packet tests use, backed by the lab's three pods. */
public final class LabSnapshots {
  private LabSnapshots() {}

  public static final NodeConfig NODE = new NodeConfig("node-1", List.of(NetnsLab.NODE_IP),
      "10.244.0.0/16", "10.96.0.0/12");
  public static final ServicePortName WEB = new ServicePortName("default", "web", "http");
  public static final ServicePortName STICKY = new ServicePortName("default", "sticky", "http");
  public static final ServicePortName EMPTY = new ServicePortName("default", "empty", "http");
  public static final ServicePortName ECHO = new ServicePortName("default", "echo", "udp");
  public static final String WEB_IP = "10.96.0.10";
  public static final String STICKY_IP = "10.96.0.11";
  public static final String EMPTY_IP = "10.96.0.12";
  public static final String ECHO_IP = "10.96.0.13";
  public static final int WEB_NODE_PORT = 30080;
  public static final int EMPTY_NODE_PORT = 30081;

  public static List<Endpoint> pods(String... names) {
    List<Endpoint> out = new java.util.ArrayList<>();
    for (String n : names) {
      String ip = switch (n) {
        case "pod-a" -> "10.244.1.2";
        case "pod-b" -> "10.244.1.3";
        case "pod-c" -> "10.244.1.4";
        default -> throw new IllegalArgumentException(n);
      };
      out.add(new Endpoint(ip, NetnsLab.POD_PORT, "node-1"));
    }
    return out;
  }

  public static ProxySnapshot standard() {
    return withWebEndpoints(pods("pod-a", "pod-b", "pod-c"));
  }

  public static ProxySnapshot withWebEndpoints(List<Endpoint> web) {
    List<Endpoint> all = pods("pod-a", "pod-b", "pod-c");
    return new ProxySnapshot(
        List.of(
            ServicePort.clusterIP(WEB, Protocol.TCP, WEB_IP, 80).withNodePort(WEB_NODE_PORT),
            ServicePort.clusterIP(STICKY, Protocol.TCP, STICKY_IP, 80)
                .withAffinity(ServicePort.DEFAULT_AFFINITY_TIMEOUT),
            ServicePort.clusterIP(EMPTY, Protocol.TCP, EMPTY_IP, 80).withNodePort(EMPTY_NODE_PORT),
            ServicePort.clusterIP(ECHO, Protocol.UDP, ECHO_IP, 53)),
        Map.of(WEB, web, STICKY, all, ECHO, all),
        NODE);
  }
}

package io.kubling.cli.nodes;

import io.kubling.agent.UnixSocketRelay;
import io.kubling.agent.node.KubeletEndpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What connects one node namespace with the machine's own namespace, set up in this one
 * place for every node (the server's and joined ones). Nothing is routed between the
 * namespaces: a Unix socket lives in the filesystem, so both sides reach it. The agent
 * reaches the API server through its {@code --api-socket}; the API server reaches the
 * agent's kubelet API (logs, exec) through a loopback port relayed to the agent's
 * {@code kubelet.sock}, which the agent advertises ({@code --kubelet-endpoint}).
 */
final class NodeRelays implements AutoCloseable {
  private final List<UnixSocketRelay> relays = new ArrayList<>();
  private final List<String> agentArgs = new ArrayList<>();

  private NodeRelays() {}

  static NodeRelays open(NodeNetwork net, String node) throws IOException {
    NodeRelays r = new NodeRelays();
    try {
      Path socket = net.apiSocket(node);
      Files.createDirectories(socket.getParent());
      r.relays.add(UnixSocketRelay.unixToTcp(socket, address(net.apiServer())));
      r.agentArgs.addAll(List.of("--api-socket", socket.toString()));
      // The other way: the API server reaches the agent's kubelet API (logs, exec) on a
      // loopback port relayed to the socket the agent serves in its data dir.
      Files.createDirectories(net.agentDataDir(node));
      UnixSocketRelay kubelet = KubeletEndpoints.relay(net.agentDataDir(node));
      r.relays.add(kubelet);
      r.agentArgs.addAll(List.of("--kubelet-endpoint", "127.0.0.1:" + kubelet.port()));
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
    return r;
  }

  /** The agent's flags that point it at these relays. */
  List<String> agentArgs() {
    return List.copyOf(agentArgs);
  }

  static InetSocketAddress address(String url) {
    URI u = URI.create(url);
    String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1)
        : u.getHost();
    return new InetSocketAddress(host, u.getPort() > 0 ? u.getPort()
        : "https".equals(u.getScheme()) ? 443 : 80);
  }

  @Override
  public void close() {
    for (UnixSocketRelay relay : relays) {
      try {
        relay.close();
      } catch (IOException ignored) {
        // the socket file may be gone already
      }
    }
    relays.clear();
  }
}

package io.kubling.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentMain;
import io.kubling.agent.host.NodeHosts;
import io.kubling.agent.runtime.Ipv4Cidr;
import io.kubling.cli.nodes.LocalNodes;
import io.kubling.cli.nodes.NodeNetwork;
import io.kubling.cli.nodes.NodeReadiness;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code kubling server}'s node flags, and starting the nodes: N node network namespaces on
 * a switch namespace, one supervised agent process in each (see {@link LocalNodes}).
 */
final class NodeFlags {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

  @Option(names = "--nodes", paramLabel = "<n>",
      description = "Node agents to start, each in a network namespace of its own (needs root)."
          + " Default: 2 as root, 0 otherwise. Env: KUBLING_NODES.")
  Integer nodes;

  @Option(names = "--node-subnet", defaultValue = NodeHosts.DEFAULT_SUBNET, paramLabel = "<cidr>",
      description = "Addresses of the nodes on their switch: node i gets the i-th."
          + " Env: KUBLING_NODE_SUBNET.")
  String nodeSubnet;

  @Option(names = "--agent-arg", paramLabel = "<arg>",
      description = "One more argument for every node agent, e.g. --agent-arg=--capacity-pods=50;"
          + " repeat it for more. Env: KUBLING_AGENT_ARG (one argument).")
  List<String> agentArgs = new ArrayList<>();

  /** How many nodes to start; says in one line why none when the default gives none. */
  int count(PrintWriter out) {
    if (nodes == null) {
      if (NodeHosts.usable()) {
        return 2;
      }
      out.println(AgentMain.isRoot()
          ? "starting no nodes: node namespaces need iproute2, nsenter and /usr/lib/cni"
              + " (scripts/install-deps.sh installs them); join nodes with kubling agent"
          : "not running as root, so starting no nodes (node namespaces need root); join fake"
              + " nodes with: kubling agent --api-server <url>");
      out.flush();
      return 0;
    }
    if (nodes < 0 || nodes > 200) {
      throw new UserError("--nodes must be between 0 and 200, got " + nodes);
    }
    if (nodes > 0 && !NodeHosts.usable()) {
      throw new UserError("--nodes " + nodes + " needs root, iproute2, nsenter and the CNI"
          + " plugins in /usr/lib/cni (scripts/install-deps.sh installs them); or use --nodes 0");
    }
    try {
      Ipv4Cidr subnet = Ipv4Cidr.parse(nodeSubnet);
      if (nodes > subnet.size() - 2) {
        throw new UserError("--node-subnet " + nodeSubnet + " has no room for " + nodes
            + " nodes");
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("invalid --node-subnet: " + e.getMessage());
    }
    return nodes;
  }

  /** The names of the first {@code count} nodes: node1, node2, ... */
  static List<String> names(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(io.kubling.cli.nodes.LocalNodes.nodeName(i));
    }
    return names;
  }

  /** Their addresses on the node switch: the API server's certificate names them too. */
  List<String> addresses(int count) {
    List<String> addresses = new ArrayList<>();
    Ipv4Cidr subnet = Ipv4Cidr.parse(nodeSubnet);
    for (int i = 1; i <= count; i++) {
      addresses.add(subnet.address(i));
    }
    return addresses;
  }

  /**
   * Writes down where nodes find this server and starts the nodes, registered with {@code shutdown} so that they stop first, and waits
   * until they are Ready, telling each as it turns Ready.
   */
  void start(int count, Path data, String apiServerUrl, Path adminKubeconfig,
      ShutdownSequence shutdown, Consumer<String> events) throws InterruptedException {
    NodeNetwork net = NodeNetwork.of(data, nodeSubnet, apiServerUrl);
    LocalNodes local;
    try {
      // Written even without nodes: `kubling agent --server-data-dir` reads it to join.
      net.save();
      if (count == 0) {
        return;
      }
      local = LocalNodes.start(net, count, agentArgs, events);
    } catch (IOException e) {
      throw new UserError("cannot start the nodes: " + e.getMessage());
    }
    shutdown.add("nodes", local);
    try (KubernetesClient client = KubeClients.fromKubeconfig(adminKubeconfig,
        ClientSettings.defaults("kubling-server"))) {
      NodeReadiness.await(client, local.names(), READY_TIMEOUT,
          name -> net.agentLog(name).toString(), events);
    }
  }
}

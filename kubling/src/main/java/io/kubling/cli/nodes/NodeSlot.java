package io.kubling.cli.nodes;

import io.kubling.agent.host.NodeHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One node: its namespace on the switch, its relays and its supervised agent. Node i is
 * named {@code node<i>} and keeps its agent data dir, so a restart brings the same Node back.
 */
final class NodeSlot {
  final int index;
  final String name;
  private final NodeHosts hosts;
  private final NodeRelays relays;
  private final AgentProcess agent;

  private NodeSlot(int index, NodeHosts hosts, NodeRelays relays, AgentProcess agent) {
    this.index = index;
    this.name = name(index);
    this.hosts = hosts;
    this.relays = relays;
    this.agent = agent;
  }

  static String name(int index) {
    return "node" + index;
  }

  /** Adds node i to the switch and starts its agent there. */
  static NodeSlot start(NodeHosts hosts, NodeNetwork net, int i, List<String> extraAgentArgs,
      Consumer<String> events, Runnable namespaceGone) throws IOException {
    String name = name(i);
    // Its own credentials (system:node:<name>), as every kubelet has its kubelet.conf;
    // made first, so that a failure leaves nothing to undo.
    Path kubeconfig = NodeCredentials.write(net.dataDir(), name, net.apiServer());
    hosts.addNode(i);
    NodeRelays relays = NodeRelays.open(net, name);
    List<String> args = new ArrayList<>(List.of("--node-name", name,
        "--kubeconfig", kubeconfig.toString(),
        "--node-ip", hosts.nodeAddress(i), "--runtime", "netns",
        "--data-dir", net.agentDataDir(name).toString(),
        "--pod-netns-prefix", hosts.podNetnsPrefix(i)));
    args.addAll(relays.agentArgs());
    args.addAll(extraAgentArgs);
    AgentProcess agent = new AgentProcess(name, hosts.nodePath(i), args, net.agentLog(name),
        events, namespaceGone);
    try {
      agent.start();
    } catch (IOException | RuntimeException e) {
      relays.close();
      throw e;
    }
    return new NodeSlot(i, hosts, relays, agent);
  }

  long agentPid() {
    return agent.pid();
  }

  /** Stops the agent (no restart); its pods keep running until {@link #stopPods}. */
  void stopAgent() throws InterruptedException {
    agent.close();
  }

  /** The agent's pods, stopped as a node shutting down stops them: SIGTERM, then SIGKILL. */
  void stopPods(Duration grace) throws IOException {
    hosts.stopPods(index, grace);
    relays.close();
  }
}

package io.kubling.cli.nodes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.host.NodeHosts;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One more node for a running {@code kubling server --nodes}: a node namespace of its own on
 * the server's switch namespace (found through the server's data dir), its relays, and its
 * agent as a supervised child. It takes the lowest free node number. {@link #close()} stops
 * the agent and its pods and removes only this node's namespace.
 */
public final class JoinedNode implements AutoCloseable {
  static final int MAX_NODES = 200;

  private final NodeHosts hosts;
  private final NodeSlot slot;
  private final Consumer<String> events;

  private JoinedNode(NodeHosts hosts, NodeSlot slot, Consumer<String> events) {
    this.hosts = hosts;
    this.slot = slot;
    this.events = events;
  }

  /**
   * @param serverGone called when the node's namespace disappears under its agent: the server
   *     stopped and removed its switch and every node on it
   */
  public static JoinedNode join(NodeNetwork net, List<String> agentArgs, Consumer<String> events,
      Runnable serverGone) throws IOException {
    NodeHosts hosts = NodeHosts.attach(net.prefix(), net.subnet()).withoutShutdownHook();
    try {
      for (int i = 1; i <= MAX_NODES; i++) {
        if (hosts.nodeExists(i)) {
          continue;
        }
        try {
          return new JoinedNode(hosts, NodeSlot.start(hosts, net, i, agentArgs, events,
              serverGone), events);
        } catch (IOException e) {
          if (!hosts.nodeExists(i)) {
            throw e;
          }
          hosts.removeNode(i); // another agent took this number at the same moment: next one
        }
      }
      throw new IOException("no free node number up to " + MAX_NODES);
    } catch (IOException | RuntimeException e) {
      hosts.close();
      throw e;
    }
  }

  public String name() {
    return slot.name;
  }

  /** Waits for this Node to turn Ready, saying so. */
  public boolean awaitReady(NodeNetwork net, Duration atMost) throws InterruptedException {
    // With the node's own credentials: a node may read its own Node.
    try (KubernetesClient client = KubeClients.fromKubeconfig(
        NodeCredentials.kubeconfig(net.dataDir(), slot.name),
        ClientSettings.defaults("kubling-agent"))) {
      return NodeReadiness.await(client, List.of(slot.name), atMost,
          n -> net.agentLog(n).toString(), events);
    }
  }

  @Override
  public void close() throws InterruptedException {
    slot.stopAgent();
    try {
      slot.stopPods(LocalNodes.POD_STOP_GRACE);
    } catch (IOException e) {
      events.accept("node " + slot.name + ": pods did not stop cleanly: " + e.getMessage());
    }
    hosts.close();
    events.accept("node " + slot.name + ": agent and pods stopped, namespace removed");
  }
}

package io.kubling.cli.nodes;

import io.kubling.agent.host.NodeHosts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The nodes of {@code kubling server --nodes N}: a switch namespace, N node namespaces on
 * it and one supervised agent in each. What an earlier run on the same data dir left behind
 * (after a crash) is swept first. {@link #close()} stops the agents, then their pods, then
 * removes every namespace.
 */
public final class LocalNodes implements AutoCloseable {
  /** How long pods get between SIGTERM and SIGKILL when the server stops. */
  static final Duration POD_STOP_GRACE = Duration.ofSeconds(5);

  private final NodeHosts hosts;
  private final List<NodeSlot> slots = new ArrayList<>();
  private final Consumer<String> events;

  private LocalNodes(NodeHosts hosts, Consumer<String> events) {
    this.hosts = hosts;
    this.events = events;
  }

  /**
   * @param extraAgentArgs passed to every agent after the ones this sets (e.g. a proxy mode)
   * @param events one line per event worth telling the user
   */
  public static LocalNodes start(NodeNetwork net, int count, List<String> extraAgentArgs,
      Consumer<String> events) throws IOException {
    // The server orders shutdown itself: agents first, then the namespaces.
    NodeHosts hosts = NodeHosts.create(net.prefix(), net.subnet()).withoutShutdownHook();
    LocalNodes nodes = new LocalNodes(hosts, events);
    try {
      for (int i = 1; i <= count; i++) {
        nodes.slots.add(NodeSlot.start(hosts, net, i, extraAgentArgs, events, () -> { }));
      }
    } catch (IOException | RuntimeException e) {
      nodes.close();
      throw e;
    }
    return nodes;
  }

  /** Node i's name. */
  public static String nodeName(int i) {
    return NodeSlot.name(i);
  }

  public List<String> names() {
    return slots.stream().map(s -> s.name).toList();
  }

  /** The namespace prefix of this cluster's nodes. */
  public String prefix() {
    return hosts.prefix;
  }

  @Override
  public void close() {
    // Agents stop together (each may take its grace period), then their pods.
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (NodeSlot s : slots) {
      stops.add(CompletableFuture.runAsync(() -> {
        try {
          s.stopAgent();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    stops.forEach(CompletableFuture::join);
    for (NodeSlot s : slots) {
      try {
        s.stopPods(POD_STOP_GRACE);
        events.accept("node " + s.name + ": agent and pods stopped");
      } catch (IOException e) {
        events.accept("node " + s.name + ": pods did not stop cleanly: " + e.getMessage());
      }
    }
    hosts.close();
  }
}

package io.kubling.e2e.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentConfig;
import io.kubling.agent.NodeAgent;
import io.kubling.agent.runtime.FakeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Real node agents ({@link NodeAgent}) on the fake runtime, as {@code kubling agent
 * --fake-nodes} runs them: each registers its Node, heartbeats its Lease, and runs the pods
 * bound to it at once (no processes). Nodes join, go silent (their agent stops) and come back
 * one by one. The pod CIDR comes from the controller manager's node IPAM, so a manager must
 * run before a node joins.
 */
final class FakeAgents implements AutoCloseable {
  /** The admin's client: removes a Node that left, as an operator would. */
  private final KubernetesClient client;
  /** Each node's own client (system:node:name), as its kubelet would have. */
  private final Function<String, KubernetesClient> nodeClients;
  private final Path dataDir;
  private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "fake-agents");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, NodeAgent> running = new ConcurrentHashMap<>();
  private final Map<String, AgentConfig> configs = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private volatile Duration lease = Duration.ofSeconds(8);

  FakeAgents(KubernetesClient client, Function<String, KubernetesClient> nodeClients)
      throws IOException {
    this.client = client;
    this.nodeClients = nodeClients;
    this.dataDir = Files.createTempDirectory("kubling-e2e-agents");
  }

  /** Lease duration (renewed every quarter of it) for agents started from now on. */
  void leaseDuration(Duration d) {
    lease = d;
  }

  void join(String name) throws Exception {
    join(name, Map.of());
  }

  /** Registers the node with these extra labels and starts its agent; returns when it runs. */
  void join(String name, Map<String, String> labels) throws Exception {
    int i = next.incrementAndGet();
    AgentConfig c = new AgentConfig(name, "10.250.0." + i, "",
        Map.of("cpu", "4", "memory", "8Gi", "pods", "110"), labels, dataDir.resolve(name),
        java.util.List.of(), dataDir.resolve("cni"), "kubling-e2e-", lease,
        Duration.ofSeconds(1), -1);
    configs.put(name, c);
    start(c);
  }

  private void start(AgentConfig c) throws Exception {
    NodeAgent agent = new NodeAgent(nodeClients.apply(c.nodeName()), c, node -> new FakeRuntime(
        node.getSpec().getPodCIDR(), c.nodeIp(), Clock.systemUTC()), loops, Clock.systemUTC());
    running.put(c.nodeName(), agent);
    agent.start("kubling-fake://0.1.0");
  }

  /** The agent stops: no more heartbeats, status or pod work; the Node object stays. */
  void silence(String name) throws InterruptedException {
    NodeAgent a = running.remove(name);
    if (a != null) {
      a.close();
    }
  }

  /** A new agent for a silenced node: it takes the Node over and heartbeats again. */
  void resume(String name) throws Exception {
    start(configs.get(name));
  }

  /** The node leaves: its agent stops, then its Node object is deleted. */
  void leave(String name) throws InterruptedException {
    silence(name);
    client.nodes().withName(name).delete();
  }

  @Override
  public void close() throws Exception {
    for (String n : running.keySet()) {
      silence(n);
    }
    loops.shutdownNow();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

package io.kubling.agent;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.runtime.FakeRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Many fake nodes in one process, as KWOK plays them: node i is {@code <prefix>-i} with IP
 * 10.250.(i/250).(i%250+1) and, unless the Node already has one, pod CIDR 10.244.i.0/24.
 * Their pods turn Running at once and run no process.
 */
public final class FakeNodes implements AutoCloseable {
  private final List<NodeAgent> agents = new ArrayList<>();
  private final ScheduledExecutorService scheduler;

  private FakeNodes(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** The config of fake node {@code i}, from a template whose name is the prefix. */
  public static AgentConfig nodeConfig(AgentConfig template, int i) {
    String name = template.nodeName() + "-" + i;
    String ip = "10.250." + (i / 250) + "." + (i % 250 + 1);
    return new AgentConfig(name, ip, "10.244." + (i % 256) + ".0/24", template.capacity(),
        template.labels(), template.dataDir().resolve(name), template.cniBinDirs(),
        template.cniConfDir(), template.podNetnsPrefix(), template.leaseDuration(),
        template.statusUpdate(), -1);
  }

  /** Starts {@code count} fake nodes sharing one client and one scheduler thread pool. */
  public static FakeNodes start(KubernetesClient client, AgentConfig template, int count,
      Clock clock) throws Exception {
    requireNonNull(client, "client should not be null");
    if (count < 1 || count > 256) {
      throw new IllegalArgumentException("--fake-nodes must be 1-256, got " + count);
    }
    FakeNodes nodes = new FakeNodes(Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "fake-nodes-scheduler");
      t.setDaemon(true);
      return t;
    }));
    try {
      for (int i = 0; i < count; i++) {
        AgentConfig c = nodeConfig(template, i);
        NodeAgent agent = new NodeAgent(client, c, node -> new FakeRuntime(
            node.getSpec().getPodCIDR(), c.nodeIp(), clock), nodes.scheduler, clock);
        nodes.agents.add(agent);
        agent.start("kubling-fake://0.1.0");
      }
    } catch (Exception e) {
      nodes.close();
      throw e;
    }
    return nodes;
  }

  public List<NodeAgent> agents() {
    return List.copyOf(agents);
  }

  public static Path dataDirOf(AgentConfig template, int i) {
    return nodeConfig(template, i).dataDir();
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeAgent a : agents) {
      a.close();
    }
    scheduler.shutdownNow();
  }
}

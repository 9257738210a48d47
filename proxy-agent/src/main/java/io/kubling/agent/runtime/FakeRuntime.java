package io.kubling.agent.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A runtime in the spirit of KWOK: sandboxes get an IP from the pod CIDR, containers "run" at
 * once with no process, and stop when told. For scale tests and machines without root.
 */
public final class FakeRuntime implements PodRuntime {
  private final Ipv4Cidr cidr;
  private final String nodeIp;
  private final Clock clock;
  private final BitSet used = new BitSet();
  private final Map<String, Integer> byUid = new HashMap<>();

  public FakeRuntime(String podCidr, String nodeIp, Clock clock) {
    this.cidr = Ipv4Cidr.parse(requireNonNull(podCidr, "podCidr should not be null"));
    this.nodeIp = requireNonNull(nodeIp, "nodeIp should not be null");
    this.clock = requireNonNull(clock, "clock should not be null");
    used.set(0, 2); // the network address and the gateway
    used.set((int) cidr.size() - 1); // broadcast
  }

  @Override
  public String version() {
    return "kubling-fake://0.1.0";
  }

  @Override
  public synchronized Sandbox runSandbox(PodRef pod, boolean hostNetwork) {
    if (hostNetwork) {
      return new Sandbox(pod, null, nodeIp);
    }
    Integer index = byUid.get(pod.uid());
    if (index == null) {
      index = used.nextClearBit(0);
      if (index >= cidr.size()) {
        throw new IllegalStateException("no free IP left in " + cidr);
      }
      used.set(index);
      byUid.put(pod.uid(), index);
    }
    return new Sandbox(pod, "fake", cidr.address(index));
  }

  /** Marks an IP a pod had before an agent restart as taken, so it is never handed out twice. */
  public synchronized void reserve(PodRef pod, String ip) {
    if (cidr.contains(ip)) {
      int index = (int) (Integer.toUnsignedLong(Ipv4Cidr.toInt(ip) - cidr.network()));
      used.set(index);
      byUid.put(pod.uid(), index);
    }
  }

  @Override
  public ContainerProcess start(Sandbox sandbox, ContainerLaunch launch) {
    return new ContainerProcess(launch.name(), 0, clock.instant(), new CompletableFuture<>());
  }

  @Override
  public void signal(ContainerProcess process, boolean force) {
    // SIGTERM ends a fake container cleanly; SIGKILL as a kill would.
    process.exit().complete(force ? 137 : 0);
  }

  @Override
  public ExecResult exec(Sandbox sandbox, ContainerLaunch container, List<String> command,
      Duration timeout) {
    return new ExecResult(0, "");
  }

  @Override
  public synchronized void removeSandbox(Sandbox sandbox) {
    Integer index = byUid.remove(sandbox.pod().uid());
    if (index != null) {
      used.clear(index);
    }
  }
}

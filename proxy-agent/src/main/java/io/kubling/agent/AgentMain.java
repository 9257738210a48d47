package io.kubling.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.kubelet.NodeKubeletApi;
import io.kubling.agent.runtime.FakeRuntime;
import io.kubling.agent.runtime.HostNetnsGuard;
import io.kubling.agent.runtime.NetnsRuntime;
import io.kubling.agent.runtime.RouteSync;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the node agent from its flags until the process is stopped; {@code kubling agent}
 * calls it, and tests start it in a node's network namespace as its own JVM.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) throws Exception {
    run(List.of(args), System.getenv(), System.err);
  }

  /** Whether this process runs as root, which the netns runtime needs. */
  public static boolean isRoot() {
    try {
      return Files.readString(Path.of("/proc/self/status")).lines()
          .filter(l -> l.startsWith("Uid:")).findFirst()
          .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
    } catch (IOException e) {
      return false;
    }
  }

  /** Chooses the runtime: netns as root unless told fake; fake, said in one line, otherwise. */
  static String chooseRuntime(String asked, boolean root, int fakeNodes, PrintStream err) {
    if (fakeNodes > 0 || "fake".equals(asked)) {
      return "fake";
    }
    if (!root) {
      err.println("kubling agent: not running as root, so pods cannot get network namespaces;"
          + " using the fake runtime (pods turn Running with an IP and run no process)");
      return "fake";
    }
    return "netns";
  }

  public static void run(List<String> args, Map<String, String> env, PrintStream err)
      throws Exception {
    AgentFlags flags = AgentFlags.parse(args, env);
    if (flags.proxy().cleanup()) {
      ServiceProxyRunner.cleanupAll(io.kubling.proxy.exec.CommandRunner.local());
      err.println("kubling agent: removed the service proxy's rules from this node");
      return;
    }
    String runtime = chooseRuntime(flags.runtime(), isRoot(), flags.fakeNodes(), err);
    if (runtime.equals("netns")) {
      // Before connecting or registering anything: a mode that cannot run is a usage error, said in one line.
      ServiceProxyRunner.checkMode(flags.proxy());
    }
    if (flags.fakeNodes() == 0 && !"fake".equals(flags.runtime()) && isRoot()) {
      HostNetnsGuard.checkThisProcess(flags.allowHostNetns(), AgentFlags.ALLOW_HOST_NETNS);
    }
    List<AutoCloseable> closers = new ArrayList<>();
    String master = flags.common().master();
    if (!flags.apiSocket().isEmpty()) {
      UnixSocketRelay relay = UnixSocketRelay.tcpToUnix(0, Path.of(flags.apiSocket()));
      closers.add(relay);
      master = relay.masterUrl(flags.common());
    }
    KubernetesClient client = master.isEmpty()
        ? KubeClients.create(flags.common(), ClientSettings.defaults("agent"))
        : KubeClients.create(flags.common().withMaster(master), ClientSettings.defaults("agent"));
    closers.add(client);
    Clock clock = Clock.systemUTC();
    CountDownLatch stop = new CountDownLatch(1);
    if (flags.fakeNodes() > 0) {
      closers.add(0, FakeNodes.start(client, flags.config(), flags.fakeNodes(), clock));
    } else {
      ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
      NodeAgent[] started = new NodeAgent[1];
      AgentConfig c = startKubeletApi(flags.config(), started, closers);
      NodeAgent agent = new NodeAgent(client, c, node -> runtime.equals("fake")
          ? new FakeRuntime(node.getSpec().getPodCIDR(), c.nodeIp(), clock)
          : netns(node.getSpec().getPodCIDR(), c, flags.proxy()), scheduler, clock);
      agent.kubeletEndpoint(flags.kubeletEndpoint());
      agent.tokenRefreshFraction(flags.tokenRefreshFraction());
      if (!flags.podManifestPath().isEmpty()) {
        agent.staticPods(Path.of(flags.podManifestPath()), java.time.Duration.ofSeconds(2));
      }
      started[0] = agent;
      try {
        agent.start(runtime.equals("fake") ? "kubling-fake://0.1.0" : "kubling-netns://0.1.0");
      } catch (Exception | Error e) {
        closeAll(closers); // the kubelet API's threads would keep a failed agent alive
        throw e;
      }
      if (runtime.equals("netns")) {
        scheduler.scheduleWithFixedDelay(new RouteSync(client, c.nodeName()), 0, 5,
            TimeUnit.SECONDS);
        // The proxy programs this process's network namespace, so it runs only where pods do;
        // the fake runtime has no data path to program.
        closers.add(0, ServiceProxyRunner.start(client, c, flags.proxy()));
      }
      closers.add(0, agent);
      closers.add(scheduler::shutdownNow);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeAll(closers);
      stop.countDown();
    }));
    stop.await();
  }

  private static void closeAll(List<AutoCloseable> closers) {
    for (AutoCloseable c : closers) {
      try {
        c.close();
      } catch (Exception ignored) {
        // shutting down anyway
      }
    }
  }

  /** Serves the kubelet API unless --kubelet-port is negative; the config gets its port. */
  private static AgentConfig startKubeletApi(AgentConfig c, NodeAgent[] agent,
      List<AutoCloseable> closers) throws Exception {
    if (c.agentPort() < 0) {
      return c;
    }
    NodeKubeletApi kubelet = NodeKubeletApi.start(c.agentPort(), c.dataDir(),
        () -> agent[0] == null ? null : agent[0].workers(),
        () -> agent[0] == null ? null : agent[0].runtime());
    closers.add(kubelet);
    return c.withAgentPort(kubelet.port());
  }

  private static NetnsRuntime netns(String podCidr, AgentConfig c, ServiceProxyFlags proxy) {
    try {
      return new NetnsRuntime(podCidr, c.nodeIp(), c.podNetnsPrefix(), c.cniBinDirs(),
          c.cniConfDir(), c.dataDir()).clusterDns(proxy.clusterDns(), proxy.clusterDomain());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

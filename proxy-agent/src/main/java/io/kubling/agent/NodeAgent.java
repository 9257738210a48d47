package io.kubling.agent;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.agent.node.LeaseHeartbeat;
import io.kubling.agent.node.NodeObjects;
import io.kubling.agent.node.NodeRegistration;
import io.kubling.agent.pod.PodWorkers;
import io.kubling.agent.pod.ProbeManager;
import io.kubling.agent.runtime.PodRuntime;
import io.kubling.agent.volume.ServiceAccountTokenVolumes;
import io.kubling.component.controller.Controller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet half of one node: registers the Node, heartbeats its Lease, keeps its status,
 * and runs the pods bound to it through a {@link PodRuntime}.
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

  /**
   * Pods this agent syncs at once. The kubelet syncs every pod in its own worker; with two, a
   * burst of pods bound to the node queued behind each other's status writes, and the fake
   * nodes of the ReplicaSet benchmark reported pods Running seconds after they were bound.
   */
  static final int POD_WORKERS = 8;

  private final KubernetesClient client;
  private final AgentConfig config;
  private final Function<Node, PodRuntime> runtimeFactory;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final List<ScheduledFuture<?>> loops = new ArrayList<>();
  private PodRuntime runtime;
  private PodWorkers workers;
  private SharedIndexInformer<Pod> informer;
  private Controller controller;
  private volatile String notReady = "container runtime is starting";
  private String kubeletEndpoint;
  private java.nio.file.Path staticPodPath;
  private Duration staticPodPeriod = Duration.ofSeconds(2);
  private double tokenRefreshFraction = ServiceAccountTokenVolumes.DEFAULT_REFRESH_FRACTION;

  /**
   * @param runtimeFactory makes the runtime once the registered Node (and its podCIDR) is known
   * @param scheduler shared by the agents of one process for heartbeats and probes
   */
  public NodeAgent(KubernetesClient client, AgentConfig config,
      Function<Node, PodRuntime> runtimeFactory, ScheduledExecutorService scheduler, Clock clock) {
    this.client = requireNonNull(client, "client should not be null");
    this.config = requireNonNull(config, "config should not be null");
    this.runtimeFactory = requireNonNull(runtimeFactory, "runtimeFactory should not be null");
    this.scheduler = requireNonNull(scheduler, "scheduler should not be null");
    this.clock = requireNonNull(clock, "clock should not be null");
  }

  public String nodeName() {
    return config.nodeName();
  }

  /** The kubelet endpoint to advertise on the Node (host:port), or empty; set before start. */
  public NodeAgent kubeletEndpoint(String hostPort) {
    this.kubeletEndpoint = hostPort;
    return this;
  }

  /**
   * After which fraction of its life a projected ServiceAccount token is renewed (0.8, as the
   * kubelet; tests use a small one to see renewals); set before start.
   */
  public NodeAgent tokenRefreshFraction(double fraction) {
    this.tokenRefreshFraction = fraction;
    return this;
  }

  /** Runs the static pods of this directory (--pod-manifest-path); set before start. */
  public NodeAgent staticPods(java.nio.file.Path dir, Duration period) {
    this.staticPodPath = dir;
    this.staticPodPeriod = period;
    return this;
  }

  /** Registers, adopts what an earlier run left, and starts running this node's pods. */
  public NodeAgent start(String runtimeVersion) throws Exception {
    Files.createDirectories(config.dataDir());
    NodeRegistration registration = new NodeRegistration(client, config,
        NodeObjects.systemInfo(runtimeVersion, osImage(), machineId()), () -> notReady, clock)
        .kubeletEndpoint(kubeletEndpoint);
    Node node = registration.register();
    node = waitForPodCidr(node);
    runtime = runtimeFactory.apply(node);
    workers = new PodWorkers(client, config.nodeIp(), runtime, config.dataDir(), clock);
    workers.prober(new ProbeManager(runtime, scheduler));
    workers.tokenVolumes(new ServiceAccountTokenVolumes(client, scheduler, tokenRefreshFraction,
        clock));
    List<String> adopted = workers.recover();
    informer = client.pods().inAnyNamespace().withField("spec.nodeName", config.nodeName())
        .runnableInformer(0);
    controller = Controller.builder("pods-" + config.nodeName(), workers).watch(informer)
        .workers(POD_WORKERS).build();
    workers.bind(informer.getIndexer(), controller::enqueue);
    controller.start();
    adopted.forEach(controller::enqueue);
    notReady = null;
    String uid = node.getMetadata().getUid();
    LeaseHeartbeat lease = new LeaseHeartbeat(client, config.nodeName(), config.leaseDuration(),
        clock);
    Duration renew = config.leaseDuration().dividedBy(4);
    loops.add(scheduler.scheduleWithFixedDelay(guard("lease", () -> lease.renew(uid)), 0,
        renew.toMillis(), TimeUnit.MILLISECONDS));
    loops.add(scheduler.scheduleWithFixedDelay(guard("status", registration::updateStatus), 0,
        config.statusUpdate().toMillis(), TimeUnit.MILLISECONDS));
    if (staticPodPath != null) {
      var sync = new io.kubling.agent.staticpod.StaticPodSync(client, staticPodPath,
          config.nodeName(), uid, informer.getIndexer()::list);
      workers.staticPods(sync::wants);
      loops.add(scheduler.scheduleWithFixedDelay(guard("static pods", sync), 0,
          staticPodPeriod.toMillis(), TimeUnit.MILLISECONDS));
    }
    log.atInfo().addKeyValue("node", config.nodeName()).addKeyValue("runtime", runtimeVersion)
        .addKeyValue("adopted", adopted.size()).log("node agent started");
    return this;
  }

  private Node waitForPodCidr(Node node) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (node.getSpec() == null || node.getSpec().getPodCIDR() == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("node " + config.nodeName()
            + " got no spec.podCIDR; give the agent --pod-cidr or run the node IPAM controller");
      }
      notReady = "network not ready: node has no podCIDR";
      Thread.sleep(1000);
      Node latest = client.nodes().withName(config.nodeName()).get();
      node = latest == null ? node : latest;
    }
    return node;
  }

  private Runnable guard(String what, Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("node", config.nodeName()).addKeyValue("loop", what)
            .log("failed: " + e.getMessage());
      }
    };
  }

  public PodWorkers workers() {
    return workers;
  }

  public PodRuntime runtime() {
    return runtime;
  }

  static String osImage() {
    try {
      return NodeObjects.osImage(Files.readString(Path.of("/etc/os-release")));
    } catch (Exception e) {
      return "Unknown";
    }
  }

  static String machineId() {
    try {
      return Files.readString(Path.of("/etc/machine-id")).strip();
    } catch (Exception e) {
      return "";
    }
  }

  /** Stops the agent; the pods keep running, to be adopted by the next agent on this node. */
  @Override
  public void close() throws InterruptedException {
    loops.forEach(f -> f.cancel(false));
    if (controller != null) {
      controller.stop();
    }
    if (informer != null) {
      informer.stop();
    }
    if (runtime != null) {
      runtime.close();
    }
  }
}

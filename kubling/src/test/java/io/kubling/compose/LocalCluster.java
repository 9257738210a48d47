package io.kubling.compose;

import io.kubling.agent.UnixSocketRelay;
import io.kubling.agent.host.NodeHosts;
import io.kubling.compose.LocalTranslation.Launch;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * compose.yaml brought up as local processes, the way {@code docker compose up} would order
 * them: a service starts once each of its dependencies is started or, for
 * {@code service_healthy}, once that dependency's own healthcheck command passes, or, for
 * {@code service_completed_successfully}, once that one-shot exited 0 (a non-zero exit fails
 * the run). Nodes run
 * in node namespaces ({@link NodeHosts}). A service with a restart policy is started again
 * when it exits, as Docker would, at most {@value #MAX_RESTARTS} times. close() removes every
 * process, namespace, relay and the temp dir, also after a failure.
 */
final class LocalCluster implements AutoCloseable {
  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);
  static final int MAX_RESTARTS = 5;

  final Path workDir;
  final LocalTranslation translation;
  final LocalTranslation.Layout layout;
  private final NodeHosts hosts;
  private final List<UnixSocketRelay> relays = new ArrayList<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final long startedAt = System.nanoTime();
  private final Map<String, String> restartPolicies = new LinkedHashMap<>();
  private final Map<String, Set<String>> dependencies = new LinkedHashMap<>();
  private final List<Process> everStarted = new ArrayList<>();
  // If the test JVM is stopped mid-run, the processes on the host's loopback go with it
  // (NodeHosts has its own hook for the node namespaces).
  private final Thread hook = new Thread(this::killAll);
  private volatile boolean closing;

  private LocalCluster(Path workDir, NodeHosts hosts, LocalTranslation translation,
      LocalTranslation.Layout layout) {
    this.workDir = workDir;
    this.hosts = hosts;
    this.translation = translation;
    this.layout = layout;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void killAll() {
    synchronized (processes) {
      closing = true;
      for (Process p : everStarted) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  /** Starts every service; on any failure, removes what it started and rethrows. */
  static LocalCluster up(ComposeFile compose, Dockerfile dockerfile, String mainClass)
      throws IOException, InterruptedException {
    Path workDir = Files.createTempDirectory("kubling-compose");
    NodeHosts hosts = null;
    LocalCluster cluster = null;
    try {
      hosts = new NodeHosts("kt-cmp");
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String sp : LocalTranslation.listenPorts(compose)) {
        ports.put(sp, freePort());
      }
      var layout = new LocalTranslation.Layout(ports, workDir, javaBinary(),
          System.getProperty("java.class.path"), mainClass, hosts.prefix + "p-",
          NodeHosts::nodeIp);
      cluster = new LocalCluster(workDir, hosts, new LocalTranslation(compose, dockerfile,
          layout), layout);
      cluster.startAll(compose);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      if (cluster != null) {
        cluster.printLogs();
        cluster.close();
      } else {
        if (hosts != null) {
          hosts.close();
        }
        deleteTree(workDir);
      }
      throw e;
    }
  }

  private void startAll(ComposeFile compose) throws IOException, InterruptedException {
    for (ComposeFile.Service s : compose.services().values()) {
      for (String source : s.mounts().values()) {
        Files.createDirectories(workDir.resolve(source));
      }
    }
    for (int i = 1; i <= translation.nodes().size(); i++) {
      hosts.addNode(i);
    }
    Set<String> healthy = new LinkedHashSet<>();
    Set<String> completed = new LinkedHashSet<>();
    for (String name : startOrder(compose)) {
      for (Map.Entry<String, String> dep : compose.service(name).dependsOn().entrySet()) {
        if (dep.getValue().equals("service_healthy")) {
          if (healthy.add(dep.getKey())) {
            awaitHealthy(dep.getKey());
          }
        } else if (dep.getValue().equals("service_completed_successfully")) {
          if (completed.add(dep.getKey())) {
            awaitCompleted(dep.getKey());
          }
        } else if (!dep.getValue().equals("service_started")) {
          throw new IllegalArgumentException(name + ": depends_on condition " + dep.getValue()
              + " is not run locally");
        }
      }
      restartPolicies.put(name, compose.service(name).restart());
      dependencies.put(name, compose.service(name).dependsOn().keySet());
      Launch launch = translation.launch(name);
      Process first;
      synchronized (processes) {
        first = spawn(launch);
      }
      if (!restartPolicies.get(name).equals("no")) {
        Thread t = new Thread(() -> supervise(launch, first), "restart-" + name);
        t.setDaemon(true);
        t.start();
      }
    }
  }

  // Docker's restart policies, bounded: always and unless-stopped restart on any exit,
  // on-failure[:max] on a non-zero one.
  private void supervise(Launch l, Process first) {
    String policy = restartPolicies.get(l.service());
    int max = policy.startsWith("on-failure:")
        ? Math.min(MAX_RESTARTS, Integer.parseInt(policy.substring("on-failure:".length())))
        : MAX_RESTARTS;
    Process p = first;
    try {
      for (int restarts = 0; restarts < max; restarts++) {
        int code = p.waitFor();
        if (closing || (policy.startsWith("on-failure") && code == 0)) {
          return;
        }
        progress(l.service() + " exited with " + code + "; restarting it (restart: " + policy
            + ")");
        Thread.sleep(1000);
        synchronized (processes) {
          if (closing) {
            return;
          }
          p = spawn(l);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      progress(l.service() + " could not be restarted: " + e);
    }
  }

  /** Starts one process of a service; called with the processes lock held. */
  private Process spawn(Launch l) throws IOException {
    if (closing) {
      throw new IllegalStateException("closing");
    }
    Path log = workDir.resolve(l.service() + ".log");
    // env -i: the process sees the service's environment and PATH, nothing of the test's.
    List<String> cmd = new ArrayList<>(List.of("env", "-i", "PATH=" + System.getenv("PATH")));
    l.env().forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(l.argv());
    // The command line heads the log, so that a failure shows what was started.
    Files.writeString(log, "+ " + String.join(" ", cmd).replace(layout.classpath(), "$CLASSPATH")
        + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    Process p;
    if (l.node() > 0) {
      Path socket = layout.relaySocket(l.relayTo());
      if (!Files.exists(socket)) {
        String[] hp = l.relayTo().split(":");
        relays.add(UnixSocketRelay.unixToTcp(socket, new InetSocketAddress("127.0.0.1",
            layout.port(hp[0], Integer.parseInt(hp[1])))));
      }
      p = hosts.startInNode(l.node(), cmd, log);
    } else {
      p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
    processes.put(l.service(), p);
    everStarted.add(p);
    progress("started " + l.service() + (l.node() > 0 ? " in node namespace " + l.node() : ""));
    return p;
  }

  /** One line per step with the time since up() began, to see where a slow run spends it. */
  void progress(String what) {
    System.out.printf("compose: %5.1fs %s%n", (System.nanoTime() - startedAt) / 1e9, what);
  }

  /** Runs the service's healthcheck until it passes; fails if the service exits first. */
  void awaitHealthy(String service) throws IOException, InterruptedException {
    List<String> check = translation.healthcheck(service);
    if (check.isEmpty()) {
      throw new IllegalArgumentException(service + " has no healthcheck to wait for");
    }
    long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      Process p;
      synchronized (processes) {
        p = processes.get(service);
      }
      if (p == null || (!p.isAlive() && restartPolicies.get(service).equals("no"))) {
        throw new AssertionError(service + " exited before it was healthy:\n" + tail(service));
      }
      Process c = new ProcessBuilder(check).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (c.waitFor(10, TimeUnit.SECONDS) && c.exitValue() == 0) {
        progress(service + " healthy");
        return;
      }
      c.destroyForcibly();
      Thread.sleep(500);
    }
    throw new AssertionError(service + " not healthy within " + HEALTHY_WITHIN + " ("
        + String.join(" ", check) + "):\n" + tail(service));
  }

  /**
   * Waits for a one-shot service to exit, as compose's service_completed_successfully does;
   * fails if it exits non-zero or runs on past the bound.
   */
  void awaitCompleted(String service) throws InterruptedException {
    Process p;
    synchronized (processes) {
      p = processes.get(service);
    }
    if (p == null) {
      throw new AssertionError(service + " was never started");
    }
    if (!p.waitFor(HEALTHY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(service + " did not complete within " + HEALTHY_WITHIN + ":\n"
          + tail(service));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(service + " exited with " + p.exitValue()
          + " (service_completed_successfully wants 0):\n" + tail(service));
    }
    progress(service + " completed successfully");
  }

  /** The network namespace of node i (1-based). */
  String nodeNamespace(int i) {
    return hosts.node(i);
  }

  String log(String service) {
    try {
      Path f = workDir.resolve(service + ".log");
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tail(String service) {
    List<String> lines = log(service).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  void printLogs() {
    for (String s : processes.keySet()) {
      System.out.println("---- " + s + " (last lines)\n" + tail(s));
    }
  }

  /** Services in an order where each comes after what it depends on. */
  static List<String> startOrder(ComposeFile compose) {
    List<String> order = new ArrayList<>();
    var services = compose.services();
    for (int round = 0; round <= services.size() && order.size() < services.size(); round++) {
      for (var s : services.values()) {
        if (!order.contains(s.name()) && order.containsAll(s.dependsOn().keySet())) {
          order.add(s.name());
        }
      }
    }
    if (order.size() < services.size()) {
      throw new IllegalArgumentException("depends_on has a cycle or names a missing service");
    }
    return order;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    Map<String, Process> started;
    synchronized (processes) {
      closing = true;
      started = new LinkedHashMap<>(processes);
    }
    // As `docker compose down`: dependents before what they depend on, each wave SIGTERM
    // first and SIGKILL after the default stop_grace_period of 10 s.
    List<String> remaining = new ArrayList<>(started.keySet());
    while (!remaining.isEmpty()) {
      List<String> wave = remaining.stream().filter(s -> remaining.stream()
          .noneMatch(o -> dependencies.getOrDefault(o, Set.of()).contains(s))).toList();
      if (wave.isEmpty()) {
        wave = List.copyOf(remaining);
      }
      wave.forEach(s -> started.get(s).destroy());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      for (String s : wave) {
        Process p = started.get(s);
        try {
          if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            progress(s + " did not stop within 10s of SIGTERM; killing it");
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
      remaining.removeAll(wave);
    }
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway
    }
    hosts.close();
    progress("stopped every service and removed the node namespaces");
    for (UnixSocketRelay r : relays) {
      try {
        r.close();
      } catch (Exception e) {
        System.err.println("relay did not close: " + e);
      }
    }
    deleteTree(workDir);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + dir + ": " + e);
    }
  }
}

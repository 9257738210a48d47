package io.kubling.agent.host;

import io.kubling.agent.AgentMain;
import io.kubling.agent.runtime.Ipv4Cidr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Node hosts as network namespaces: a switch namespace holding a bridge, and node namespaces
 * wired to it by veth pairs created inside the switch namespace. Every name starts with one
 * prefix; close(), a shutdown hook and a sweep of leftovers from earlier runs remove all of
 * them, and the processes in them. The machine's own network namespace is never touched.
 * Tests, {@code kubling server --nodes} and {@code kubling agent} joining a server share it.
 *
 * <p>Names: {@code <prefix>sw} (the switch), {@code <prefix>n<i>} (node i), and
 * {@link #podNetnsPrefix(int)} for the pods of node i, so one node's pods can be found and
 * stopped without touching another's.
 */
public final class NodeHosts implements AutoCloseable {
  /** The default node subnet: node i is 10.250.0.i. */
  public static final String DEFAULT_SUBNET = "10.250.0.0/24";

  public final String prefix;
  private final Ipv4Cidr subnet;
  /** Whether this instance made the switch, and so removes every namespace of its prefix. */
  private final boolean ownsSwitch;
  private final List<Integer> nodes = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Thread hook = new Thread(this::cleanup);

  /** Test hosts: family {@code kt-ag}, leftovers of earlier runs swept first. */
  public NodeHosts() throws IOException {
    this("kt-ag");
  }

  /**
   * A random prefix in {@code family}. Namespaces of the family that earlier runs left are
   * swept first, but not those of hosts another live JVM owns (two test runs at once must not
   * pull each other's nodes away): each such prefix has an owner file naming its JVM's pid.
   */
  public NodeHosts(String family) throws IOException {
    this(family + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff))
        + "-", DEFAULT_SUBNET, family, true);
  }

  private static final Path OWNERS = Path.of("/run/kubling/netns-owners");

  private NodeHosts(String prefix, String subnet, String sweepFirst, boolean createSwitch)
      throws IOException {
    this.prefix = prefix;
    this.subnet = Ipv4Cidr.parse(subnet);
    this.ownsSwitch = createSwitch;
    if (createSwitch) {
      if (sweepFirst.equals(prefix)) {
        sweep(prefix);
      } else {
        sweepAbandoned(sweepFirst);
        Files.createDirectories(OWNERS);
        Files.writeString(OWNERS.resolve(prefix), Long.toString(ProcessHandle.current().pid()));
      }
    }
    Runtime.getRuntime().addShutdownHook(hook);
    if (createSwitch) {
      try {
        sh("ip netns add " + sw());
        sh("ip -n " + sw() + " link add br0 type bridge");
        sh("ip -n " + sw() + " link set br0 up");
      } catch (IOException e) {
        close();
        throw e;
      }
    }
  }

  /**
   * Hosts with a fixed prefix (a cluster's, derived from its data dir): whatever an earlier
   * run with this prefix left (namespaces, the processes in them) is swept, then a new switch
   * is made. Node i gets the i-th address of {@code subnet}.
   */
  public static NodeHosts create(String prefix, String subnet) throws IOException {
    return new NodeHosts(prefix, subnet, prefix, true);
  }

  /**
   * Joins the switch another process made with {@code prefix}; close() removes only the
   * nodes added through this instance.
   */
  public static NodeHosts attach(String prefix, String subnet) throws IOException {
    if (!namespaces(prefix + "sw").contains(prefix + "sw")) {
      throw new IOException("no switch namespace " + prefix + "sw: is the server running?");
    }
    return new NodeHosts(prefix, subnet, prefix, false);
  }

  public static boolean usable() {
    return AgentMain.isRoot() && Files.isExecutable(Path.of("/usr/lib/cni/bridge"))
        && Files.isExecutable(Path.of("/usr/sbin/ip")) && Files.isExecutable(Path.of("/usr/bin/nsenter"));
  }

  public String sw() {
    return prefix + "sw";
  }

  public String node(int i) {
    return prefix + "n" + i;
  }

  /**
   * For callers that order their own shutdown (kubling server stops its agents before the
   * namespaces go): without this, the JVM runs this hook alongside theirs.
   */
  public NodeHosts withoutShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // already shutting down
    }
    return this;
  }

  /** Where node i's namespace is mounted, for {@code nsenter --net=}. */
  public String nodePath(int i) {
    return "/var/run/netns/" + node(i);
  }

  /** The prefix of node i's pod namespaces (the agent's --pod-netns-prefix). */
  public String podNetnsPrefix(int i) {
    return prefix + "p" + i + "-";
  }

  /** Node i's address with the default subnet, for tests that use {@link #NodeHosts()}. */
  public static String nodeIp(int i) {
    return Ipv4Cidr.parse(DEFAULT_SUBNET).address(i);
  }

  /** Node i's address in this hosts' subnet. */
  public String nodeAddress(int i) {
    if (i < 1 || i >= subnet.size() - 1) {
      throw new IllegalArgumentException("node " + i + " does not fit in " + subnet);
    }
    return subnet.address(i);
  }

  /** Whether node i's namespace exists (made by this or another process). */
  public boolean nodeExists(int i) throws IOException {
    return namespaces(node(i)).contains(node(i));
  }

  /** Node i: its namespace on the switch with the i-th address of the subnet. */
  public void addNode(int i) throws IOException {
    String n = node(i);
    String addr = nodeAddress(i);
    sh("ip netns add " + n);
    synchronized (nodes) {
      nodes.add(i);
    }
    sh("ip -n " + sw() + " link add v" + i + " type veth peer name eth0 netns " + n);
    sh("ip -n " + sw() + " link set v" + i + " master br0 up");
    sh("ip -n " + n + " addr add " + addr + "/" + subnet.prefix() + " dev eth0");
    sh("ip -n " + n + " link set eth0 up");
    sh("ip -n " + n + " link set lo up");
    // A machine's default route: a process on the node connects to a ClusterIP only if some
    // route covers it, since the proxy's rules rewrite the address after routing (OUTPUT).
    sh("ip -n " + n + " route add default dev eth0");
  }

  /**
   * Stops node i's pods: SIGTERM to every process in its pod namespaces, SIGKILL to what is
   * left after {@code grace}, then the pod namespaces removed (their veths go with them).
   */
  public void stopPods(int i, Duration grace) throws IOException {
    String pods = podNetnsPrefix(i);
    List<ProcessHandle> running = new ArrayList<>();
    for (String ns : namespaces(pods)) {
      pids(ns).forEach(pid -> ProcessHandle.of(pid).ifPresent(running::add));
    }
    running.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    while (running.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    sweep(pods);
  }

  /** Removes node i: its pods (at once), the processes in it, its namespace and veth. */
  public void removeNode(int i) throws IOException {
    sweep(podNetnsPrefix(i));
    killIn(node(i));
    run("ip netns delete " + node(i));
    run("ip -n " + sw() + " link delete v" + i);
    synchronized (nodes) {
      nodes.remove(Integer.valueOf(i));
    }
  }

  /** Starts a process inside node i's network namespace (only the network namespace). */
  public Process startInNode(int i, List<String> command, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + nodePath(i)));
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    synchronized (processes) {
      processes.removeIf(x -> !x.isAlive());
      processes.add(p);
    }
    return p;
  }

  /** Runs a command in a namespace and returns its output and exit code. */
  public static Result exec(String netns, String command) throws IOException {
    return run("ip netns exec " + netns + " " + command);
  }

  public record Result(int code, String out) {}

  public static Result run(String command) throws IOException {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out + "(timed out)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(-1, out + "(interrupted)");
    }
    return new Result(p.exitValue(), out);
  }

  public static String sh(String command) throws IOException {
    Result r = run(command);
    if (r.code() != 0) {
      throw new IOException(command + " failed: " + r.out());
    }
    return r.out();
  }

  public static List<String> namespaces(String startingWith) throws IOException {
    List<String> out = new ArrayList<>();
    Path dir = Path.of("/var/run/netns");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var list = Files.list(dir)) {
      list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(startingWith))
          .sorted().forEach(out::add);
    }
    return out;
  }

  /** Kills what runs in every namespace whose name starts with {@code start}, then deletes them. */
  public static void sweep(String start) throws IOException {
    for (String ns : namespaces(start)) {
      killIn(ns);
    }
    for (String ns : namespaces(start)) {
      run("ip netns delete " + ns);
    }
    // the pods' resolv.conf files the agents wrote for `ip netns exec` (see NetnsRuntime)
    Path etc = Path.of("/etc/netns");
    if (Files.isDirectory(etc)) {
      try (var list = Files.list(etc)) {
        for (Path d : list.filter(p -> p.getFileName().toString().startsWith(start)).toList()) {
          Files.deleteIfExists(d.resolve("resolv.conf"));
          Files.deleteIfExists(d);
        }
      }
    }
  }

  /** Sweeps the family's prefixes whose owner JVM is gone (or never left an owner file). */
  static void sweepAbandoned(String family) throws IOException {
    java.util.Set<String> prefixes = new java.util.TreeSet<>();
    for (String ns : namespaces(family)) {
      int dash = ns.indexOf('-', family.length());
      prefixes.add(dash < 0 ? ns : ns.substring(0, dash + 1));
    }
    for (String p : prefixes) {
      if (!ownerAlive(p)) {
        sweep(p);
        Files.deleteIfExists(OWNERS.resolve(p));
      }
    }
  }

  private static boolean ownerAlive(String prefix) {
    try {
      long pid = Long.parseLong(Files.readString(OWNERS.resolve(prefix)).strip());
      return pid != ProcessHandle.current().pid()
          && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static void killIn(String ns) throws IOException {
    for (long pid : pids(ns)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** The processes in a namespace; none when it is gone already. */
  public static List<Long> pids(String ns) throws IOException {
    Result r = run("ip netns pids " + ns);
    List<Long> out = new ArrayList<>();
    if (r.code() != 0) {
      return out;
    }
    for (String pid : r.out().split("\\s+")) {
      if (pid.matches("\\d+")) {
        out.add(Long.parseLong(pid));
      }
    }
    return out;
  }

  private void cleanup() {
    synchronized (processes) {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    try {
      if (ownsSwitch) {
        sweep(prefix);
        Files.deleteIfExists(OWNERS.resolve(prefix));
      } else {
        List<Integer> mine;
        synchronized (nodes) {
          mine = List.copyOf(nodes);
        }
        for (int i : mine) {
          removeNode(i);
        }
      }
    } catch (IOException e) {
      System.err.println("node hosts cleanup: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    cleanup();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // already shutting down
    }
  }
}

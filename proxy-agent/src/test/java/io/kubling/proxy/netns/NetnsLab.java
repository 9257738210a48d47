package io.kubling.proxy.netns;

import io.kubling.proxy.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small cluster made of network namespaces this test creates, and removes again (also on
 * failure, and at JVM exit): a node with a bridge and pods on it, and a second host on the node's
 * network — the "other node" for NodePort traffic. Nothing here touches the machine's own
 * namespace; all names start with {@code kp-}.
 *
 * <pre>
 *   other (192.168.50.2) ─veth─ node (192.168.50.1, kbr0 10.244.1.1/24) ─┬─ pod-a 10.244.1.2
 *                                                                         ├─ pod-b 10.244.1.3
 *                                                                         ├─ pod-c 10.244.1.4
 *                                                                         └─ client 10.244.1.10
 * </pre>
 */
public final class NetnsLab implements AutoCloseable {
  public static final String NODE_IP = "192.168.50.1";
  public static final String OTHER_IP = "192.168.50.2";
  public static final String CLIENT_POD_IP = "10.244.1.10";
  public static final int POD_PORT = 8080;

  private static final String PREFIX = "kp-";
  private final String id = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Process> servers = new LinkedHashMap<>();
  private final Map<String, String> podIPs = new LinkedHashMap<>();
  private final Path dir;
  private final Thread hook = new Thread(this::close);

  public NetnsLab() throws IOException {
    Sweeper.register(id);
    sweepLeftovers();
    dir = Files.createTempDirectory("kp-lab-");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      build();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** True when this machine lets the test create network namespaces (root, iproute2). */
  public static boolean available() {
    try {
      return new ProcessBuilder("ip", "netns", "list").start().waitFor() == 0
          && "root".equals(System.getProperty("user.name"));
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  public String ns(String role) {
    return PREFIX + id + "-" + role;
  }

  public String node() {
    return ns("node");
  }

  public String other() {
    return ns("other");
  }

  public String clientPod() {
    return ns("client");
  }

  public CommandRunner in(String netns) {
    return CommandRunner.inNetns(netns);
  }

  public Map<String, String> podIPs() {
    return podIPs;
  }

  public Path dir() {
    return dir;
  }

  private void build() throws IOException {
    addNs(node());
    addNs(other());
    sh("ip link add kp" + id + "n type veth peer name kp" + id + "o");
    sh("ip link set kp" + id + "n netns " + node() + " name eth0");
    sh("ip link set kp" + id + "o netns " + other() + " name eth0");
    in(node(), "ip addr add " + NODE_IP + "/24 dev eth0", "ip link set eth0 up",
        "ip link add kbr0 type bridge", "ip addr add 10.244.1.1/24 dev kbr0",
        "ip link set kbr0 up", "ip route add default via " + OTHER_IP,
        "sysctl -qw net.ipv4.ip_forward=1");
    // Pods on one bridge reach each other at L2; without bridge-nf-call-iptables a reply from a
    // backend to a pod that used a ClusterIP would skip conntrack's reverse NAT.
    in(node(), "sysctl -qw net.bridge.bridge-nf-call-iptables=1");
    in(other(), "ip addr add " + OTHER_IP + "/24 dev eth0", "ip link set eth0 up",
        "ip route add 10.244.1.0/24 via " + NODE_IP, "ip route add 10.96.0.0/12 via " + NODE_IP);
    addPod("a", "10.244.1.2");
    addPod("b", "10.244.1.3");
    addPod("c", "10.244.1.4");
    addPodNs("client", CLIENT_POD_IP);
  }

  private void addPod(String name, String ip) throws IOException {
    addPodNs("pod-" + name, ip);
    podIPs.put("pod-" + name, ip);
  }

  private void addPodNs(String role, String ip) throws IOException {
    String ns = ns(role);
    addNs(ns);
    String host = "kp" + id + role.replace("pod-", "");
    sh("ip link add " + host + " type veth peer name " + host + "p");
    sh("ip link set " + host + "p netns " + ns + " name eth0");
    sh("ip link set " + host + " netns " + node());
    in(node(), "ip link set " + host + " master kbr0", "ip link set " + host + " up");
    in(ns, "ip addr add " + ip + "/24 dev eth0", "ip link set eth0 up",
        "ip route add default via 10.244.1.1");
  }

  private void addNs(String ns) throws IOException {
    sh("ip netns add " + ns);
    namespaces.add(ns);
    in(ns, "ip link set lo up");
  }

  /** Starts the pod's HTTP + UDP server that answers its own name, and waits for it. */
  public void startServer(String pod) throws IOException {
    Path script = PodScripts.write(dir);
    Process p = new ProcessBuilder("ip", "netns", "exec", ns(pod), python(),
        script.resolve("pod_server.py").toString(), pod, Integer.toString(POD_PORT))
        .redirectErrorStream(true).redirectOutput(dir.resolve(pod + ".log").toFile()).start();
    servers.put(pod, p);
    for (int i = 0; i < 100; i++) {
      if (Files.exists(dir.resolve(pod + ".log"))
          && Files.readString(dir.resolve(pod + ".log")).contains("ready")) {
        return;
      }
      sleep(50);
    }
    throw new IOException(pod + " server did not start: " + Files.readString(dir.resolve(pod
        + ".log")));
  }

  public void startServers() throws IOException {
    for (String pod : podIPs.keySet()) {
      startServer(pod);
    }
  }

  /** Kills a pod's server: connections to it are refused from then on. */
  public void killServer(String pod) throws InterruptedException {
    Process p = servers.remove(pod);
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Makes {@code count} HTTP requests, each on a new connection, from {@code fromNs} to
   * {@code ip:port}; returns one line per request: the answering pod's name or ERR:reason.
   */
  public List<String> requests(String fromNs, String ip, int port, int count) throws IOException {
    Path script = PodScripts.write(dir);
    String out = in(fromNs).run(null, python(), script.resolve("client.py").toString(), "tcp",
        ip, Integer.toString(port), Integer.toString(count));
    return out.lines().toList();
  }

  /** Like {@link #requests} over UDP: one datagram each, the answer or ERR:timeout. */
  public List<String> udpRequests(String fromNs, String ip, int port, int count)
      throws IOException {
    Path script = PodScripts.write(dir);
    String out = in(fromNs).run(null, python(), script.resolve("client.py").toString(), "udp",
        ip, Integer.toString(port), Integer.toString(count));
    return out.lines().toList();
  }

  public static String python() {
    for (String p : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return "python3";
  }

  private void in(String ns, String... commands) throws IOException {
    for (String c : commands) {
      CommandRunner.inNetns(ns).run(null, c.split(" "));
    }
  }

  private static void sh(String command) throws IOException {
    CommandRunner.local().run(null, command.split(" "));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes namespaces a crashed earlier run left behind (this prefix only). */
  private static void sweepLeftovers() throws IOException {
    for (String line : CommandRunner.local().run(null, "ip", "netns", "list").split("\n")) {
      String name = line.split(" ")[0];
      if (name.startsWith(PREFIX) && !Sweeper.isLive(name)) {
        CommandRunner.local().tryRun(null, "ip", "netns", "del", name);
      }
    }
  }

  @Override
  public synchronized void close() {
    for (Process p : servers.values()) {
      p.destroyForcibly();
    }
    servers.clear();
    List<String> reversed = new ArrayList<>(namespaces);
    Collections.reverse(reversed);
    for (String ns : reversed) {
      try {
        // any process still inside (a proxy JVM) goes first
        String pids = CommandRunner.local().tryRun(null, "ip", "netns", "pids", ns).stdout();
        for (String pid : pids.split("\\s+")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        CommandRunner.local().tryRun(null, "ip", "netns", "del", ns);
      } catch (IOException | RuntimeException e) {
        // keep removing the others
      }
    }
    namespaces.clear();
    Sweeper.forget(id);
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // temp dir only
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
  }
}

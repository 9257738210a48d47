package io.kubling.bench.proxy;

import io.kubling.proxy.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network namespaces for the proxy benchmarks, all named kp-bench-…, removed on close and at JVM
 * exit: a node with a bridge, one server pod on it, and an "other" host on the node's network.
 * Nothing touches the machine's own namespace.
 */
final class BenchNetns implements AutoCloseable {
  static final String NODE_IP = "192.168.51.1";
  static final String OTHER_IP = "192.168.51.2";
  static final String POD_IP = "10.244.1.2";

  private final String id = "kp-bench-" + Integer.toString(
      ThreadLocalRandom.current().nextInt(1 << 16), 36);
  private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
  private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
  final Path dir;
  private final Thread hook = new Thread(this::close);

  BenchNetns() throws IOException {
    dir = Files.createTempDirectory("kp-bench-");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  String ns(String role) {
    return id + "-" + role;
  }

  /** Just one empty namespace, for rule-sync timing. */
  String single() throws IOException {
    add(ns("sync"));
    return ns("sync");
  }

  /** node + pod + other, wired as in the proxy tests. */
  void topology() throws IOException {
    String node = ns("node");
    String other = ns("other");
    String pod = ns("pod");
    add(node);
    add(other);
    add(pod);
    String tag = "kb" + id.substring(id.length() - 3);
    sh("ip link add " + tag + "n type veth peer name " + tag + "o");
    sh("ip link set " + tag + "n netns " + node + " name eth0");
    sh("ip link set " + tag + "o netns " + other + " name eth0");
    sh("ip link add " + tag + "p type veth peer name " + tag + "q");
    sh("ip link set " + tag + "q netns " + pod + " name eth0");
    sh("ip link set " + tag + "p netns " + node);
    in(node, "ip addr add " + NODE_IP + "/24 dev eth0", "ip link set eth0 up",
        "ip link add kbr0 type bridge", "ip addr add 10.244.1.1/24 dev kbr0",
        "ip link set kbr0 up", "ip link set " + tag + "p master kbr0",
        "ip link set " + tag + "p up", "ip route add default via " + OTHER_IP,
        "sysctl -qw net.ipv4.ip_forward=1", "sysctl -qw net.bridge.bridge-nf-call-iptables=1");
    in(other, "ip addr add " + OTHER_IP + "/24 dev eth0", "ip link set eth0 up",
        "ip route add 10.244.1.0/24 via " + NODE_IP, "ip route add 10.96.0.0/12 via " + NODE_IP);
    in(pod, "ip addr add " + POD_IP + "/24 dev eth0", "ip link set eth0 up",
        "ip route add default via 10.244.1.1");
  }

  Process start(String ns, List<String> command, Path log) throws IOException {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(command);
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  private void add(String ns) throws IOException {
    sh("ip netns add " + ns);
    namespaces.add(ns);
    in(ns, "ip link set lo up");
  }

  void in(String ns, String... commands) throws IOException {
    for (String c : commands) {
      CommandRunner.inNetns(ns).run(null, c.split(" "));
    }
  }

  private static void sh(String c) throws IOException {
    CommandRunner.local().run(null, c.split(" "));
  }

  @Override
  public synchronized void close() {
    processes.forEach(Process::destroyForcibly);
    processes.clear();
    List<String> rev = new ArrayList<>(namespaces);
    Collections.reverse(rev);
    for (String ns : rev) {
      try {
        String pids = CommandRunner.local().tryRun(null, "ip", "netns", "pids", ns).stdout();
        for (String pid : pids.split("\\s+")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        CommandRunner.local().tryRun(null, "ip", "netns", "del", ns);
      } catch (IOException | RuntimeException e) {
        // keep going
      }
    }
    namespaces.clear();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // temp only
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down
    }
  }
}

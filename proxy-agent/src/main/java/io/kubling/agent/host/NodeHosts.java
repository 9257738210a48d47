package io.kubling.agent.host;

import io.kubling.agent.AgentMain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Node hosts as network namespaces: a switch namespace holding a bridge, and node namespaces
 * wired to it by veth pairs created inside the switch namespace. Every name starts with one
 * prefix ({@code <family><random>-}); close(), a shutdown hook and a sweep of leftovers from
 * earlier runs of the same family remove all of them, and the processes in them. The machine's
 * own network namespace is never touched. Tests and {@code kubling server --nodes} share it.
 */
public final class NodeHosts implements AutoCloseable {
  public final String prefix;
  private final List<Process> processes = new ArrayList<>();
  private final Thread hook = new Thread(this::cleanup);

  /** Test hosts: family {@code kt-ag}, leftovers of earlier runs swept first. */
  public NodeHosts() throws IOException {
    this("kt-ag");
  }

  public NodeHosts(String family) throws IOException {
    this.prefix = family + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)) + "-";
    sweep(family);
    Runtime.getRuntime().addShutdownHook(hook);
    sh("ip netns add " + sw());
    sh("ip -n " + sw() + " link add br0 type bridge");
    sh("ip -n " + sw() + " link set br0 up");
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

  public static String nodeIp(int i) {
    return "10.250.0." + i;
  }

  /** Node i: its namespace on the switch with address 10.250.0.i/24. */
  public void addNode(int i) throws IOException {
    String n = node(i);
    sh("ip netns add " + n);
    sh("ip -n " + sw() + " link add v" + i + " type veth peer name eth0 netns " + n);
    sh("ip -n " + sw() + " link set v" + i + " master br0 up");
    sh("ip -n " + n + " addr add " + nodeIp(i) + "/24 dev eth0");
    sh("ip -n " + n + " link set eth0 up");
    sh("ip -n " + n + " link set lo up");
    // A machine's default route: a process on the node connects to a ClusterIP only if some
    // route covers it, since the proxy's rules rewrite the address after routing (OUTPUT).
    sh("ip -n " + n + " route add default dev eth0");
  }

  /** Starts a process inside node i's network namespace (only the network namespace). */
  public Process startInNode(int i, List<String> command, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + node(i)));
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    synchronized (processes) {
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
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
          .forEach(out::add);
    }
    return out;
  }

  /** Kills what runs in every namespace whose name starts with {@code start}, then deletes them. */
  public static void sweep(String start) throws IOException {
    for (String ns : namespaces(start)) {
      for (String pid : run("ip netns pids " + ns).out().split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
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

  private void cleanup() {
    synchronized (processes) {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    try {
      sweep(prefix);
    } catch (IOException e) {
      System.err.println("testbed cleanup: " + e.getMessage());
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

package io.kubling.agent.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.agent.cni.CniConfig;
import io.kubling.agent.cni.CniInvoker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pods in their own network namespaces, wired by the standard CNI plugins (bridge +
 * host-local, loopback), with containers as processes in the namespace. Runs in the node's
 * network namespace: the bridge, the veths' node ends and the routes are all made there. A
 * container with volumes (the ServiceAccount token) starts in a private mount namespace too.
 */
public final class NetnsRuntime implements PodRuntime {
  private static final Logger log = LoggerFactory.getLogger(NetnsRuntime.class);
  /** Runs the container and leaves its exit code beside its log, for an agent that restarts. */
  static final String WRAPPER = "f=$1; shift; \"$@\"; rc=$?; echo $rc > \"$f\"; exit $rc";
  static final Path NETNS_DIR = Path.of("/var/run/netns");
  /**
   * Per-namespace /etc files: {@code ip netns exec NAME} bind-mounts /etc/netns/NAME/resolv.conf
   * over /etc/resolv.conf in the mount namespace it makes, and containers and execs start through
   * it, so this is how a pod gets its own resolv.conf without a container image.
   */
  static final Path ETC_NETNS = Path.of("/etc/netns");

  private final String nodeIp;
  private final String netnsPrefix;
  private final String conflist;
  private final CniInvoker cni;
  private volatile String clusterDns;
  private volatile String clusterDomain = "cluster.local";

  /**
   * @param netnsPrefix prefix of the pods' namespace names (tests use their own)
   * @param cniConfDir where the conflist is written, as kubelet's --cni-conf-dir
   */
  public NetnsRuntime(String podCidr, String nodeIp, String netnsPrefix, List<Path> cniBinDirs,
      Path cniConfDir, Path dataDir) throws IOException {
    this.nodeIp = requireNonNull(nodeIp, "nodeIp should not be null");
    this.netnsPrefix = requireNonNull(netnsPrefix, "netnsPrefix should not be null");
    Path bin = CniInvoker.findPlugins(cniBinDirs);
    if (bin == null) {
      throw new IOException("no CNI plugins (bridge, host-local) in " + cniBinDirs
          + "; install containernetworking-plugins or pass --cni-bin-dir");
    }
    this.cni = new CniInvoker(List.of(bin));
    this.conflist = CniConfig.conflist(Ipv4Cidr.parse(podCidr).toString(),
        dataDir.resolve("cni/networks"));
    Files.createDirectories(cniConfDir);
    Files.writeString(cniConfDir.resolve("10-kubling.conflist"), conflist);
  }

  /**
   * Pods (not hostNetwork ones) get a resolv.conf naming this nameserver with the cluster search
   * domains, as kubelet writes for dnsPolicy ClusterFirst.
   */
  public NetnsRuntime clusterDns(String nameserver, String domain) {
    this.clusterDns = nameserver;
    this.clusterDomain = requireNonNull(domain, "domain should not be null");
    return this;
  }

  @Override
  public String version() {
    return "kubling-netns://0.1.0";
  }

  String netnsName(PodRef pod) {
    return netnsPrefix + pod.uid().replace("-", "").substring(0, 12);
  }

  @Override
  public Sandbox runSandbox(PodRef pod, boolean hostNetwork) throws IOException {
    if (hostNetwork) {
      return new Sandbox(pod, null, nodeIp);
    }
    String name = netnsName(pod);
    String path = NETNS_DIR.resolve(name).toString();
    if (!Files.exists(NETNS_DIR.resolve(name))) {
      run(List.of(ip(), "netns", "add", name));
    }
    try {
      cni.single("ADD", CniConfig.loopback(), pod.uid(), path, "lo");
      JsonNode result = cni.add(conflist, pod.uid(), path, "eth0");
      if (clusterDns != null) {
        Path etc = Files.createDirectories(ETC_NETNS.resolve(name));
        Files.writeString(etc.resolve("resolv.conf"),
            io.kubling.proxy.dns.DnsRecords.resolvConf(pod.namespace(), clusterDns,
                clusterDomain));
      }
      return new Sandbox(pod, name, CniInvoker.firstIp(result));
    } catch (IOException | RuntimeException e) {
      removeSandbox(new Sandbox(pod, name, ""));
      throw e;
    }
  }

  @Override
  public ContainerProcess start(Sandbox sandbox, ContainerLaunch launch) throws IOException {
    Files.createDirectories(launch.logFile().getParent());
    List<String> cmd = new ArrayList<>();
    if (!sandbox.hostNetwork()) {
      cmd.addAll(List.of(ip(), "netns", "exec", sandbox.netns()));
    }
    cmd.addAll(MountNamespace.prefix(launch.mounts()));
    // setsid: the container is its own process group, so stopping it reaches what it started.
    cmd.addAll(List.of("setsid", "sh", "-c", WRAPPER, "sh", exitFile(launch.logFile()).toString()));
    cmd.addAll(launch.argv());
    Files.deleteIfExists(exitFile(launch.logFile()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(launch.env());
    pb.directory(Path.of(launch.workingDir() == null ? "/" : launch.workingDir()).toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    Instant started = p.info().startInstant().orElse(Instant.now());
    CompletableFuture<Integer> exit = p.onExit().thenApply(Process::exitValue);
    return new ContainerProcess(launch.name(), p.pid(), started, exit);
  }

  static Path exitFile(Path logFile) {
    return Path.of(logFile + ".exit");
  }

  @Override
  public ContainerProcess adopt(String name, long pid, Instant startedAt, Path logFile) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || h.get().info().startInstant()
        .map(s -> Math.abs(Duration.between(s, startedAt).toMillis()) > 1000).orElse(true)) {
      return null; // gone, or the pid now belongs to another process
    }
    CompletableFuture<Integer> exit = h.get().onExit().thenApply(x -> readExit(logFile));
    return new ContainerProcess(name, pid, startedAt, exit);
  }

  private static int readExit(Path logFile) {
    try {
      return Integer.parseInt(Files.readString(exitFile(logFile)).strip());
    } catch (Exception e) {
      return 137; // killed before it could say: as by SIGKILL
    }
  }

  @Override
  public void signal(ContainerProcess process, boolean force) {
    ProcessHandle.of(process.pid()).ifPresent(h -> {
      List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
      all.add(h);
      for (ProcessHandle x : all) {
        if (force) {
          x.destroyForcibly();
        } else {
          x.destroy();
        }
      }
    });
  }

  @Override
  public ExecResult exec(Sandbox sandbox, ContainerLaunch container, List<String> command,
      Duration timeout) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (!sandbox.hostNetwork()) {
      cmd.addAll(List.of(ip(), "netns", "exec", sandbox.netns()));
    }
    cmd.addAll(MountNamespace.prefix(container.mounts()));
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(container.env());
    pb.directory(Path.of(container.workingDir() == null ? "/" : container.workingDir()).toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getInputStream().readAllBytes();
      } catch (IOException e) {
        return new byte[0];
      }
    });
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new ExecResult(-1, "timed out after " + timeout);
      }
      return new ExecResult(p.exitValue(),
          new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IOException("exec " + command + ": " + e.getMessage(), e);
    }
  }

  /**
   * nsenter joins only the pod's network namespace, as the container's processes do, and the
   * container's volumes are bound in a mount namespace of the exec's own (MountNamespace); a
   * tty comes from script(1), which runs the command on a pseudo-terminal of its own.
   */
  @Override
  public Process execStream(Sandbox sandbox, ContainerLaunch container, List<String> command,
      boolean tty) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (!sandbox.hostNetwork()) {
      cmd.addAll(List.of("nsenter", "--net=" + NETNS_DIR.resolve(sandbox.netns())));
    }
    // The container's volumes, in a mount namespace of the exec's own.
    cmd.addAll(MountNamespace.prefix(container.mounts()));
    if (tty) {
      cmd.addAll(List.of("script", "-q", "-f", "-e", "-c", ShellQuote.join(command),
          "/dev/null"));
    } else {
      cmd.addAll(command);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(container.env());
    if (tty) {
      pb.environment().putIfAbsent("TERM", "xterm");
    }
    pb.redirectErrorStream(tty);
    pb.directory(Path.of(container.workingDir() == null ? "/" : container.workingDir()).toFile());
    return pb.start();
  }

  @Override
  public void removeSandbox(Sandbox sandbox) throws IOException {
    if (sandbox.hostNetwork()) {
      return;
    }
    String name = sandbox.netns();
    Path path = NETNS_DIR.resolve(name);
    // Whatever still runs in the namespace goes first: nothing may outlive its pod.
    if (Files.exists(path)) {
      List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
      for (String pid : run(List.of(ip(), "netns", "pids", name)).split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
            h.destroyForcibly();
            exits.add(h.onExit());
          });
        }
      }
      // SIGKILL is delivered asynchronously: the pod is only gone once its processes are.
      try {
        CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.atWarn().addKeyValue("netns", name).log("processes still exiting after SIGKILL");
      }
    }
    IOException failure = null;
    try {
      cni.del(conflist, sandbox.pod().uid(), path.toString(), "eth0");
      cni.single("DEL", CniConfig.loopback(), sandbox.pod().uid(), path.toString(), "lo");
    } catch (IOException e) {
      failure = e;
    }
    if (Files.exists(path)) {
      run(List.of(ip(), "netns", "delete", name));
    }
    Files.deleteIfExists(ETC_NETNS.resolve(name).resolve("resolv.conf"));
    Files.deleteIfExists(ETC_NETNS.resolve(name));
    if (failure != null) {
      throw failure;
    }
    log.atInfo().addKeyValue("netns", name).log("sandbox removed");
  }

  @Override
  public boolean sandboxExists(Sandbox sandbox) {
    return sandbox.hostNetwork() || Files.exists(NETNS_DIR.resolve(sandbox.netns()));
  }

  static String ip() {
    for (String p : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return "ip";
  }

  /** Runs a command to completion; fails with its output when it exits non-zero. */
  static String run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out;
  }
}

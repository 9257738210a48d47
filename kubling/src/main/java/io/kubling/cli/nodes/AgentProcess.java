package io.kubling.cli.nodes;

import static java.util.Objects.requireNonNull;

import io.kubling.cli.etcd.Backoff;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One node's agent as a supervised child process inside the node's network namespace
 * ({@code nsenter --net=… java … kubling agent …}). A JVM cannot move itself or one of its
 * threads into another network namespace, so every node agent is a process of its own, even
 * though {@code kubling server} runs the control plane in one JVM. An exit nobody asked for
 * is followed by a restart after {@link Backoff}; the new agent adopts the pods still running.
 */
final class AgentProcess implements AutoCloseable {
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final String node;
  private final Path netns;
  private final Runnable namespaceGone;
  private final List<String> command;
  private final Path log;
  private final Consumer<String> events;
  private final Backoff backoff = new Backoff();
  private final Object lock = new Object();
  private Process process; // guarded by lock
  private boolean stopping; // guarded by lock
  private int restarts; // guarded by lock

  /**
   * @param netnsPath the node's namespace, as {@code nsenter --net=} takes it
   * @param agentArgs the arguments after {@code kubling agent}
   * @param namespaceGone called, instead of a restart, when the node's namespace is gone
   *     (the server that owns the switch removed it)
   */
  AgentProcess(String node, String netnsPath, List<String> agentArgs, Path log,
      Consumer<String> events, Runnable namespaceGone) {
    this.node = requireNonNull(node, "node should not be null");
    this.netns = Path.of(netnsPath);
    this.namespaceGone = requireNonNull(namespaceGone, "namespaceGone should not be null");
    this.log = requireNonNull(log, "log should not be null");
    this.events = requireNonNull(events, "events should not be null");
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + netnsPath,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", absoluteClassPath(), "io.kubling.cli.Main", "agent"));
    cmd.addAll(agentArgs);
    this.command = List.copyOf(cmd);
  }

  /** This JVM's class path (the kubling jar, as users run it) with every entry absolute. */
  static String absoluteClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator))
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  /** Starts the agent; it is watched from then on. */
  void start() throws IOException {
    Files.createDirectories(log.getParent());
    Process p = launch();
    synchronized (lock) {
      process = p;
    }
    events.accept("node " + node + ": agent started (pid " + p.pid() + ", log " + log + ")");
    watch(p, Instant.now());
  }

  long pid() {
    synchronized (lock) {
      return process == null ? -1 : process.pid();
    }
  }

  private Process launch() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // The agent's flags are all on its command line; a KUBLING_* meant for the server
    // (KUBLING_DATA_DIR, ...) must not become one of the agent's.
    pb.environment().keySet().removeIf(k -> k.startsWith("KUBLING_"));
    return pb.start();
  }

  private void watch(Process p, Instant launched) {
    p.onExit().thenRun(() -> {
      Duration delay;
      synchronized (lock) {
        if (stopping || process != p) {
          return;
        }
        delay = backoff.next(Duration.between(launched, Instant.now()));
      }
      events.accept("node " + node + ": agent exited with code " + p.exitValue()
          + "; restarting in " + delay.toSeconds() + "s (log " + log + ")");
      Thread t = new Thread(() -> restartAfter(delay), "agent-restart-" + node);
      t.setDaemon(true);
      t.start();
    });
  }

  private void restartAfter(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      return;
    }
    if (!Files.exists(netns)) {
      synchronized (lock) {
        if (stopping) {
          return;
        }
        stopping = true;
      }
      events.accept("node " + node + ": its namespace " + netns + " is gone; not restarting");
      namespaceGone.run();
      return;
    }
    synchronized (lock) {
      if (stopping) {
        return;
      }
      try {
        Process next = launch();
        process = next;
        restarts++;
        events.accept("node " + node + ": agent started (pid " + next.pid() + ", restart "
            + restarts + ")");
        watch(next, Instant.now());
      } catch (IOException e) {
        events.accept("node " + node + ": agent could not be started: " + e.getMessage());
      }
    }
  }

  /** SIGTERM, then SIGKILL after {@link #STOP_GRACE}; no restart afterwards. */
  @Override
  public void close() throws InterruptedException {
    Process p;
    synchronized (lock) {
      stopping = true;
      p = process;
    }
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

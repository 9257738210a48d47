package io.kubling.bench.ingress;

import io.kubling.testkit.FreePorts;
import io.kubling.testkit.TempDirs;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An nginx child process proxying to the bench's backend, the reference the ingress bench
 * measures kubling's proxy against: its config and every file it writes in a temp dir of its
 * own, listening on loopback only, stopped by its own PID (and its workers by theirs) and the
 * dir removed on close, or by a shutdown hook if the JVM ends first.
 */
final class NginxProxy implements AutoCloseable {
  static final String PROPERTY = "bench.ingress.nginx";
  private static final Path SBIN = Path.of("/usr/sbin/nginx");
  private static final int START_ATTEMPTS = 3;
  private static final long START_TIMEOUT_MS = 10_000;

  private final Path dir;
  private final Thread hook;
  private volatile Process master;
  private int port;
  private Set<Long> workers = Set.of();

  private NginxProxy(Path dir) {
    this.dir = dir;
    this.hook = new Thread(this::stopAndRemove, "nginx-reference-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * The nginx binary: -Dbench.ingress.nginx=PATH (none: no reference), else nginx on PATH,
   * else /usr/sbin/nginx; empty when there is none.
   */
  static Optional<Path> binary() {
    String set = System.getProperty(PROPERTY, "").strip();
    if (leftOut()) {
      return Optional.empty();
    }
    if (!set.isEmpty()) {
      Path p = Path.of(set);
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + set + ": no executable there");
      }
      return Optional.of(p);
    }
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = d.isEmpty() ? null : Path.of(d, "nginx");
      if (p != null && Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Files.isExecutable(SBIN) ? Optional.of(SBIN) : Optional.empty();
  }

  /** "nginx/1.22.1", from nginx -v; "nginx" when it does not say. */
  static String version(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor(5, TimeUnit.SECONDS);
      int at = out.indexOf("nginx/");
      return at < 0 ? "nginx" : out.substring(at).split("\\s+")[0];
    } catch (IOException e) {
      return "nginx";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "nginx";
    }
  }

  /** Whether -Dbench.ingress.nginx=none asked for no reference. */
  static boolean leftOut() {
    return System.getProperty(PROPERTY, "").strip().equals("none");
  }

  /** Starts nginx with workers worker processes and waits until its port answers. */
  static NginxProxy start(Path binary, int workers, int backendPort)
      throws IOException, InterruptedException {
    NginxProxy nginx = new NginxProxy(Files.createTempDirectory("kubling-nginx-ref-"));
    try {
      nginx.launch(binary, workers, backendPort);
      return nginx;
    } catch (IOException | InterruptedException | RuntimeException e) {
      nginx.close();
      throw e;
    }
  }

  private void launch(Path binary, int workerCount, int backendPort)
      throws IOException, InterruptedException {
    // Workers of a root master run as "nobody" by default and could not enter the temp dir.
    String user = "root".equals(System.getProperty("user.name")) ? "root" : null;
    Path conf = dir.resolve("nginx.conf");
    Path out = dir.resolve("nginx.out");
    for (int attempt = 1; ; attempt++) {
      port = FreePorts.next();
      Files.writeString(conf, NginxConf.render(dir, workerCount, port, backendPort, user));
      master = new ProcessBuilder(binary.toString(), "-p", dir + "/", "-c", conf.toString(),
          "-g", "daemon off;").redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (answers(START_TIMEOUT_MS)) {
        break;
      }
      String exit = master.isAlive() ? "no answer in " + START_TIMEOUT_MS + " ms"
          : "exit " + master.exitValue();
      stop();
      String said = String.join(" | ", errorLog());
      // A free port can be taken between FreePorts' check and nginx's bind: try another.
      if (attempt == START_ATTEMPTS || !said.contains("Address already in use")) {
        throw new IllegalStateException("nginx did not start (" + exit + "): " + said);
      }
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while ((workers = workerPids()).size() < workerCount && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    if (workers.size() != workerCount) {
      throw new IllegalStateException("nginx has " + workers.size() + " workers, not "
          + workerCount);
    }
  }

  /** Whether the port accepts a connection before the timeout, false once nginx exited. */
  private boolean answers(long timeoutMs) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (master.isAlive() && System.nanoTime() < until) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    return false;
  }

  private Set<Long> workerPids() {
    return master.children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  int port() {
    return port;
  }

  /** The master and its workers. */
  int processes() {
    return 1 + workers.size();
  }

  /** CPU time, all of it and the user-mode part, in nanoseconds. */
  record Cpu(long nanos, long userNanos) {
    Cpu minus(Cpu earlier) {
      return new Cpu(nanos - earlier.nanos, userNanos - earlier.userNanos);
    }
  }

  /**
   * CPU used so far by the master and its workers; fails when a worker was replaced (one
   * that died would have taken its CPU time with it).
   */
  Cpu cpu() {
    Set<Long> now = workerPids();
    if (!master.isAlive() || !now.equals(workers)) {
      throw new IllegalStateException("nginx workers changed: " + workers + " -> " + now
          + (master.isAlive() ? "" : ", master exited") + "; its error_log: " + errorLog());
    }
    long sum = Math.max(0, ProcessCpu.nanos(master.pid()));
    long user = Math.max(0, ProcessCpu.userNanos(master.pid()));
    for (long pid : workers) {
      sum += Math.max(0, ProcessCpu.nanos(pid));
      user += Math.max(0, ProcessCpu.userNanos(pid));
    }
    return new Cpu(sum, user);
  }

  /** What nginx logged (warnings and worse) and printed, for the bench to report. */
  List<String> errorLog() {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("error.log", "nginx.out")) {
      Path p = dir.resolve(name);
      try {
        if (Files.exists(p)) {
          Files.readAllLines(p).stream().filter(l -> !l.isBlank()).forEach(lines::add);
        }
      } catch (IOException e) {
        lines.add(name + ": unreadable: " + e);
      }
    }
    return lines;
  }

  @Override
  public void close() {
    stopAndRemove();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void stopAndRemove() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (Files.exists(dir)) {
        TempDirs.deleteQuietly(dir);
      }
    }
  }

  /**
   * SIGTERM to the master (nginx's fast shutdown: it stops its workers and exits), then
   * SIGKILL to it and to each worker still there: a killed master leaves its workers running.
   */
  private void stop() throws InterruptedException {
    Process m = master;
    if (m == null) {
      return;
    }
    List<ProcessHandle> family = new ArrayList<>(m.descendants().toList());
    m.destroy();
    if (!m.waitFor(10, TimeUnit.SECONDS)) {
      m.destroyForcibly();
      m.waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle p : family) {
      if (p.isAlive()) {
        p.destroy();
        try {
          p.onExit().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          p.destroyForcibly();
        }
      }
    }
    master = null;
  }
}

package io.kubling.cli.etcd;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs etcd as a child process: starts it and waits until it answers, restarts it with
 * {@link Backoff} whenever it dies unexpectedly, and on {@link #close()} stops it with
 * SIGTERM, then SIGKILL after {@link #STOP_GRACE}.
 */
public final class EtcdSupervisor implements AutoCloseable {
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final EtcdConfig config;
  private final Consumer<String> events;
  private final EtcdHealth health;
  private final Backoff backoff = new Backoff();
  private final AtomicInteger restarts = new AtomicInteger();
  private final Object lock = new Object();
  private Process process; // guarded by lock
  private boolean stopping; // guarded by lock
  private volatile Thread supervisor;

  /**
   * @param events receives one line per event worth telling the user: ready, exited,
   *     restarting
   */
  public EtcdSupervisor(EtcdConfig config, Consumer<String> events) {
    this.config = requireNonNull(config, "config should not be null");
    this.events = requireNonNull(events, "events should not be null");
    // With TLS, the health check shows etcd's own server certificate, which kubeadm's
    // layout also makes valid for client auth.
    this.health = new EtcdHealth(config.clientUrl(), config.tls() == null ? null
        : io.kubling.cli.pki.TlsFiles.clientContext(config.tls().trustedCaFile(),
            config.tls().certFile(), config.tls().keyFile()));
  }

  /** Starts etcd and returns once it answers; throws {@link EtcdException} if it does not. */
  public void start() {
    Process p;
    synchronized (lock) {
      if (stopping || process != null) {
        throw new IllegalStateException("start() may be called once, before close()");
      }
      p = launch();
      process = p;
    }
    if (!awaitHealthy(p)) {
      String why = p.isAlive()
          ? "etcd did not answer at " + config.clientUrl() + " within "
              + START_TIMEOUT.toSeconds() + "s; see " + config.logFile()
          : "etcd exited with code " + p.exitValue() + " while starting; see " + config.logFile();
      close();
      throw new EtcdException(why);
    }
    events.accept("etcd ready at " + config.clientUrl() + " (pid " + p.pid() + ", log "
        + config.logFile() + ")");
    supervisor = new Thread(() -> superviseFrom(p), "etcd-supervisor");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  /** Waits for each exit; an exit nobody asked for is followed by a restart after a backoff. */
  private void superviseFrom(Process first) {
    Process p = first;
    Instant launched = Instant.now();
    try {
      while (true) {
        String how = p == null ? "could not be started" : "exited with code " + p.waitFor();
        Duration delay = backoff.next(Duration.between(launched, Instant.now()));
        synchronized (lock) {
          if (stopping) {
            return;
          }
        }
        events.accept("etcd " + how + "; restarting in " + seconds(delay));
        Thread.sleep(delay.toMillis());
        synchronized (lock) {
          if (stopping) {
            return;
          }
          try {
            p = launch();
          } catch (EtcdException e) {
            events.accept(e.getMessage());
            p = null;
          }
          process = p;
        }
        launched = Instant.now();
        if (p != null && awaitHealthy(p)) {
          events.accept("etcd ready at " + config.clientUrl() + " (pid " + p.pid()
              + ", restart " + restarts.incrementAndGet() + ")");
        }
      }
    } catch (InterruptedException stopped) {
      // close() interrupts us: nothing more to supervise
    }
  }

  private Process launch() {
    try {
      Files.createDirectories(config.logFile().toAbsolutePath().getParent());
      ProcessBuilder pb = new ProcessBuilder(inOwnSession(config.command()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      String arch = goArch(System.getProperty("os.arch"));
      if (!"amd64".equals(arch)) {
        // etcd 3.4 refuses to start on other architectures unless this names the one it runs on.
        pb.environment().put("ETCD_UNSUPPORTED_ARCH", arch);
      }
      return pb.start();
    } catch (IOException e) {
      throw new EtcdException("cannot start " + config.binary() + ": " + e.getMessage());
    }
  }

  /**
   * Runs the command through {@code setsid} where there is one, so etcd leaves the
   * terminal's process group: Ctrl-C then reaches only kubling, whose shutdown hook stops
   * the API server first and etcd last, instead of both at once. setsid execs in place,
   * so the PID stays etcd's.
   */
  static List<String> inOwnSession(List<String> command) {
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(candidate);
        wrapped.addAll(command);
        return wrapped;
      }
    }
    return command;
  }

  static String goArch(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> javaArch.toLowerCase(Locale.ROOT);
    };
  }

  /** True once etcd answers healthy; false if it dies, we are stopping, or time runs out. */
  private boolean awaitHealthy(Process p) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try {
      while (Instant.now().isBefore(deadline)) {
        synchronized (lock) {
          if (stopping) {
            return false;
          }
        }
        if (!p.isAlive()) {
          return false;
        }
        if (health.healthy()) {
          return true;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  public String clientUrl() {
    return config.clientUrl();
  }

  /** The PID of the etcd process now running, if one is. */
  public OptionalLong pid() {
    synchronized (lock) {
      return process != null && process.isAlive() ? OptionalLong.of(process.pid())
          : OptionalLong.empty();
    }
  }

  /** How many times etcd has been restarted and answered again. */
  public int restarts() {
    return restarts.get();
  }

  /** Stops supervising, then stops etcd: SIGTERM, and SIGKILL if it is still there after 10 s. */
  @Override
  public void close() {
    Process p;
    synchronized (lock) {
      if (stopping) {
        return;
      }
      stopping = true;
      p = process;
    }
    if (supervisor != null) {
      supervisor.interrupt();
    }
    if (p != null) {
      stop(p);
    }
    if (supervisor != null) {
      try {
        supervisor.join(STOP_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void stop(Process p) {
    p.destroy(); // SIGTERM: etcd finishes its in-flight writes and closes the WAL
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }
}

package io.kubling.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The {@code etcd} binary on free loopback ports with a temp data dir, removed on close;
 * clients speak plain HTTP, or TLS with client-cert-auth when given {@link EtcdServer.Tls}.
 */
final class ProcessEtcdServer implements EtcdServer {
  private final String name;
  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private final EtcdServer.Tls tls;
  private Process process;

  private ProcessEtcdServer(String name, Path dataDir, int clientPort, int peerPort,
      EtcdServer.Tls tls) {
    this.name = name;
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.tls = tls;
  }

  static String binaryOnPath() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, "etcd");
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }

  static ProcessEtcdServer startNew(String name) {
    return startNew(name, null);
  }

  /**
   * A port FreePorts found free can be taken before etcd binds it (by another server, or as
   * the ephemeral port of an outgoing connection): etcd then exits at once, and CI saw it
   * happen. So a start that failed on a port in use is tried again on fresh ports.
   */
  static final int START_ATTEMPTS = 3;

  static ProcessEtcdServer startNew(String name, EtcdServer.Tls tls) {
    return startNew(name, tls, FreePorts::next);
  }

  /** As above, with the ports (client, then peer, per attempt) from {@code ports}. */
  static ProcessEtcdServer startNew(String name, EtcdServer.Tls tls, IntSupplier ports) {
    for (int attempt = 1; ; attempt++) {
      ProcessEtcdServer s;
      try {
        s = new ProcessEtcdServer(name, Files.createTempDirectory("kubling-etcd-"),
            ports.getAsInt(), ports.getAsInt(), tls);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // A test JVM that exits without close() must not leave etcd or its data behind.
      Thread cleanup = new Thread(s::close, "etcd-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      try {
        s.start();
        return s;
      } catch (PortInUse e) {
        s.close();
        Runtime.getRuntime().removeShutdownHook(cleanup);
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** etcd exited at start because one of its ports was taken. */
  static final class PortInUse extends IllegalStateException {
    PortInUse(String message) {
      super(message);
    }
  }

  @Override
  public List<String> clientEndpoints() {
    return List.of(clientScheme() + "://127.0.0.1:" + clientPort);
  }

  private String clientScheme() {
    return tls == null ? "http" : "https";
  }

  @Override
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    String client = clientScheme() + "://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    int metricsPort = FreePorts.next();
    List<String> cmd = new ArrayList<>(List.of(binaryOnPath(),
        "--name", name,
        "--data-dir", dataDir.resolve("data").toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", name + "=" + peer,
        // Plain HTTP even when clients get TLS: where readiness is asked (/health).
        "--listen-metrics-urls", "http://127.0.0.1:" + metricsPort,
        // Tests write fast; frequent fsyncs on a shared disk are the bottleneck otherwise.
        "--unsafe-no-fsync",
        "--logger", "zap",
        "--log-outputs", dataDir.resolve("etcd.log").toString()));
    if (tls != null) {
      // As kubeadm runs it: only clients with a certificate from this CA get in.
      cmd.addAll(List.of("--client-cert-auth",
          "--trusted-ca-file", tls.trustedCaFile().toString(),
          "--cert-file", tls.certFile().toString(),
          "--key-file", tls.keyFile().toString()));
    }
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.out").toFile()));
      // etcd 3.4 on arm64 and some builds refuse to start without this; harmless elsewhere.
      pb.environment().put("ETCD_UNSUPPORTED_ARCH", System.getProperty("os.arch"));
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    waitUntilHealthy(metricsPort, Duration.ofSeconds(30));
  }

  /**
   * Waits until etcd itself says it is healthy (/health on its metrics listener: serving,
   * with a leader). A connection to the client port alone would also succeed against any
   * other process that happened to listen there while etcd failed to bind it.
   */
  private void waitUntilHealthy(int metricsPort, Duration timeout) {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .connectTimeout(Duration.ofMillis(500)).build();
    java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + metricsPort + "/health"))
        .timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        // The data dir goes on close, so what etcd said is kept in the message.
        String said = tail(dataDir.resolve("etcd.out")) + tail(dataDir.resolve("etcd.log"));
        String message = "etcd exited with " + process.exitValue() + "; it said: " + said;
        throw said.contains("address already in use") ? new PortInUse(message)
            : new IllegalStateException(message);
      }
      try {
        java.net.http.HttpResponse<String> r = http.send(health,
            java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"health\":\"true\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for etcd", e);
      }
      sleep(50);
    }
    throw new IllegalStateException("etcd was not healthy on 127.0.0.1:" + metricsPort
        + " (client port " + clientPort + ") within " + timeout + "; it said: "
        + tail(dataDir.resolve("etcd.out")) + tail(dataDir.resolve("etcd.log")));
  }

  @Override
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Kills etcd at once (SIGKILL), as a crash would. */
  @Override
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
    TempDirs.deleteQuietly(dataDir);
  }

  /** The last 2,000 characters of a file, or "" when there is none. */
  static String tail(Path file) {
    try {
      String all = Files.readString(file);
      return all.substring(Math.max(0, all.length() - 2000));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

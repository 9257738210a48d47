package io.kubling.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

  static ProcessEtcdServer startNew(String name, EtcdServer.Tls tls) {
    try {
      Path dir = Files.createTempDirectory("kubling-etcd-");
      ProcessEtcdServer s = new ProcessEtcdServer(name, dir, FreePorts.next(), FreePorts.next(),
          tls);
      // A test JVM that exits without close() must not leave etcd or its data behind.
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "etcd-cleanup"));
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    List<String> cmd = new ArrayList<>(List.of(binaryOnPath(),
        "--name", name,
        "--data-dir", dataDir.resolve("data").toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", name + "=" + peer,
        "--listen-metrics-urls", "http://127.0.0.1:" + FreePorts.next(),
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
    waitUntilListening(Duration.ofSeconds(30));
  }

  private void waitUntilListening(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + dataDir);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", clientPort), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException("etcd did not listen on " + clientPort + " within " + timeout);
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

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

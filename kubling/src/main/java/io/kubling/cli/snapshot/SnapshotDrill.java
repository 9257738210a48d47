package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.Client;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.cli.etcd.EtcdBinary;
import io.kubling.cli.etcd.EtcdConfig;
import io.kubling.cli.etcd.EtcdException;
import io.kubling.cli.etcd.EtcdSupervisor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code kubling etcd-snapshot drill}: a restore rehearsed without risk. It snapshots the
 * live etcd, restores the snapshot into a scratch etcd on other free loopback ports, starts
 * an API server on it and waits for /readyz (the RTO), then compares every key of the
 * restored copy with the live store read at the snapshot's revision. The scratch etcd, its
 * API server and its temp dir are gone when it returns.
 */
public final class SnapshotDrill {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Etcdctl etcdctl;
  private final Path etcdBinary;
  private final Clock clock;
  private final Consumer<String> progress;

  public SnapshotDrill(Etcdctl etcdctl, Path etcdBinary, Clock clock, Consumer<String> progress) {
    this.etcdctl = requireNonNull(etcdctl, "etcdctl should not be null");
    this.etcdBinary = requireNonNull(etcdBinary, "etcdBinary should not be null");
    this.clock = requireNonNull(clock, "clock should not be null");
    this.progress = requireNonNull(progress, "progress should not be null");
  }

  public static SnapshotDrill withToolsOnPath(Clock clock, Consumer<String> progress) {
    Path etcd = EtcdBinary.onPath(System.getenv("PATH"))
        .orElseThrow(() -> new SnapshotException(EtcdBinary.NOT_FOUND));
    return new SnapshotDrill(Etcdctl.onPath(), etcd, clock, progress);
  }

  /**
   * Runs the drill against {@code live}; {@code saved} gives the previous snapshot for RPO.
   * The scratch copy lives in a new dir under {@code scratchParent} (null: the temp dir).
   */
  public DrillReport run(List<String> live, SnapshotStore saved, Path scratchParent)
      throws IOException {
    return run(live, io.kubling.cli.etcd.EtcdClientTls.NONE, saved, scratchParent);
  }

  /**
   * As {@link #run(List, SnapshotStore, Path)}, reaching the live etcd with {@code tls}. The
   * scratch etcd is plain HTTP on loopback: it lives only while the drill runs.
   */
  public DrillReport run(List<String> live, io.kubling.cli.etcd.EtcdClientTls tls,
      SnapshotStore saved, Path scratchParent) throws IOException {
    SnapshotMeta previous = saved.newest().orElse(null);
    Path scratch;
    if (scratchParent == null) {
      scratch = Files.createTempDirectory("kubling-drill-");
    } else {
      Files.createDirectories(scratchParent);
      scratch = Files.createTempDirectory(scratchParent, "kubling-drill-");
    }
    try (Client client = EtcdClients.connect(live, tls)) {
      EtcdClients.revision(client, live);
      SnapshotMeta snap = new Snapshotter(new SnapshotStore(scratch.resolve("snapshots")),
          etcdctl, clock).save(client, "drill", false);
      progress.accept("snapshot taken at revision " + snap.revision());

      int clientPort = freePort();
      int peerPort = freePort();
      EtcdConfig config = new EtcdConfig(etcdBinary, scratch.resolve("etcd"),
          scratch.resolve("etcd.log"), clientPort, peerPort);
      Instant restoreStart = clock.instant();
      new ClusterReset(etcdctl, clock).restoreInto(
          scratch.resolve("snapshots").resolve(snap.file()), config.dataDir(), config.peerUrl());
      try (EtcdSupervisor etcd = new EtcdSupervisor(config, line -> { });
          ApiServer api = new ApiServer(ApiServerOptions.defaults(List.of(config.clientUrl()))
              .withPort(0).withEtcdCompactionInterval(Duration.ZERO))) {
        try {
          etcd.start();
        } catch (EtcdException e) {
          throw new SnapshotException("the scratch etcd did not start: " + e.getMessage());
        }
        startAndAwaitReady(api);
        Duration rto = Duration.between(restoreStart, clock.instant());
        progress.accept("restored copy served by an API server at " + api.url() + " after "
            + DrillReport.human(rto));

        List<KeyValue> liveKeys = Keyspace.at(client, snap.revision(), "live");
        try (Client restored = EtcdClients.connect(List.of(config.clientUrl()))) {
          List<KeyValue> restoredKeys = Keyspace.at(restored, snap.revision(), "restored");
          return new DrillReport(snap, previous, liveKeys.size(),
              KeyspaceDiff.compare(liveKeys, restoredKeys), rto);
        }
      }
    } finally {
      ClusterReset.deleteTree(scratch);
    }
  }

  private static void startAndAwaitReady(ApiServer api) {
    try {
      api.start().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest readyz = HttpRequest.newBuilder(URI.create(api.url() + "/readyz"))
          .timeout(Duration.ofSeconds(5)).GET().build();
      Instant deadline = Instant.now().plus(READY_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        try {
          if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(50);
      }
      throw new SnapshotException("the API server on the restored copy was not ready within "
          + READY_TIMEOUT.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("interrupted while the restored copy started");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new SnapshotException("the API server on the restored copy did not start: "
          + Snapshotter.rootMessage(e));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

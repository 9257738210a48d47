package io.kubling.cli.snapshot;

import io.kubling.cli.UserError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kubling server}'s snapshot flags: the schedule, and restoring with a cluster reset. */
public final class SnapshotFlags {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--etcd-snapshot-schedule-cron", defaultValue = "0 */12 * * *",
      paramLabel = "<cron>", description = "When to take scheduled snapshots: five cron fields,"
          + " local time. Env: KUBLING_ETCD_SNAPSHOT_SCHEDULE_CRON.")
  String scheduleCron;

  @Option(names = "--etcd-snapshot-retention", defaultValue = "5", paramLabel = "<n>",
      description = "How many scheduled snapshots to keep. Env: KUBLING_ETCD_SNAPSHOT_RETENTION.")
  int retention;

  @Option(names = "--etcd-snapshot-compress",
      description = "gzip scheduled snapshots. Env: KUBLING_ETCD_SNAPSHOT_COMPRESS.")
  boolean compress;

  @Option(names = "--etcd-disable-snapshots",
      description = "Take no scheduled snapshots. Env: KUBLING_ETCD_DISABLE_SNAPSHOTS.")
  boolean disableSnapshots;

  @Option(names = "--cluster-reset", description = "Before starting, replace etcd's data with"
      + " the snapshot given by --cluster-reset-restore-path; the old data is kept as"
      + " <data-dir>/etcd-old-<time>. Env: KUBLING_CLUSTER_RESET.")
  boolean clusterReset;

  @Option(names = "--cluster-reset-restore-path", paramLabel = "<file>",
      description = "The snapshot --cluster-reset restores (plain or gzip), verified first."
          + " Env: KUBLING_CLUSTER_RESET_RESTORE_PATH.")
  Path restorePath;

  /** Usage errors (exit 2) for values and combinations that cannot work. */
  public void validate(boolean externalEtcd) {
    try {
      CronSchedule.parse(scheduleCron);
    } catch (IllegalArgumentException e) {
      throw invalid("--etcd-snapshot-schedule-cron", scheduleCron, e.getMessage());
    }
    if (retention < 1) {
      throw invalid("--etcd-snapshot-retention", String.valueOf(retention), "must be at least 1");
    }
    if (clusterReset && restorePath == null) {
      throw new ParameterException(spec.commandLine(),
          "--cluster-reset needs --cluster-reset-restore-path=<snapshot file>");
    }
    if (!clusterReset && restorePath != null) {
      throw new ParameterException(spec.commandLine(),
          "--cluster-reset-restore-path is only read with --cluster-reset");
    }
    if (clusterReset && externalEtcd) {
      throw new ParameterException(spec.commandLine(),
          "--cluster-reset restores the etcd kubling starts; it cannot be used with"
              + " --etcd-servers");
    }
  }

  /**
   * With --cluster-reset, restores the snapshot into {@code <dataDir>/etcd} for an etcd whose
   * peer URL is {@code peerUrl}. Call before etcd starts.
   */
  public void resetIfAsked(Path dataDir, String peerUrl, Consumer<String> out) {
    if (!clusterReset) {
      return;
    }
    Path file = restorePath.toAbsolutePath().normalize();
    try {
      ClusterReset.Result r = new ClusterReset(Etcdctl.onPath(), Clock.systemUTC())
          .run(file, dataDir, peerUrl);
      out.accept("etcd data restored from " + file + " (revision " + r.revision() + ", "
          + r.keys() + " keys)" + (r.oldDataDir() == null ? ""
              : "; the old data is in " + r.oldDataDir()));
      out.accept("cluster reset done: start without --cluster-reset next time, or it restores"
          + " again");
    } catch (SnapshotException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** Starts scheduled snapshots unless they are disabled; the caller closes what it returns. */
  public Optional<AutoCloseable> startSchedule(List<String> etcdServers,
      io.kubling.cli.etcd.EtcdClientTls tls, Path dataDir, Consumer<String> out) {
    if (disableSnapshots) {
      return Optional.empty();
    }
    Etcdctl etcdctl;
    try {
      etcdctl = Etcdctl.onPath();
    } catch (SnapshotException e) {
      out.accept("scheduled etcd snapshots are off: " + e.getMessage());
      return Optional.empty();
    }
    SnapshotScheduler s = new SnapshotScheduler(CronSchedule.parse(scheduleCron), retention,
        compress, SnapshotStore.inDataDir(dataDir), etcdctl, etcdServers, tls, Clock.systemUTC(),
        out);
    ZonedDateTime first = s.start();
    out.accept("etcd snapshots scheduled (" + scheduleCron + ", keep " + retention + ") in "
        + SnapshotStore.inDataDir(dataDir).dir() + "; next at " + first.toOffsetDateTime());
    return Optional.of(s);
  }

  private ParameterException invalid(String flag, String value, String why) {
    return new ParameterException(spec.commandLine(),
        "Invalid value for option '" + flag + "': '" + value + "': " + why);
  }
}

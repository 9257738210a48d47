package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.Client;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scheduled snapshots in {@code kubling server}: at each time the cron schedule names (in
 * the machine's time zone), save {@code etcd-snapshot-<time>} and prune the scheduled ones
 * beyond the retention. A failed snapshot is reported and the next one is still scheduled.
 */
public final class SnapshotScheduler implements AutoCloseable {
  public static final String PREFIX = "etcd-snapshot";

  private final CronSchedule cron;
  private final int retention;
  private final boolean compress;
  private final SnapshotStore store;
  private final Snapshotter snapshotter;
  private final Client client;
  private final Clock clock;
  private final Consumer<String> events;
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "etcd-snapshot-schedule");
    t.setDaemon(true);
    return t;
  });

  public SnapshotScheduler(CronSchedule cron, int retention, boolean compress,
      SnapshotStore store, Etcdctl etcdctl, List<String> etcdServers, Clock clock,
      Consumer<String> events) {
    this(cron, retention, compress, store, etcdctl, etcdServers,
        io.kubling.cli.etcd.EtcdClientTls.NONE, clock, events);
  }

  /** With {@code tls}: the client certificate an etcd with --client-cert-auth wants. */
  public SnapshotScheduler(CronSchedule cron, int retention, boolean compress,
      SnapshotStore store, Etcdctl etcdctl, List<String> etcdServers,
      io.kubling.cli.etcd.EtcdClientTls tls, Clock clock, Consumer<String> events) {
    this.cron = requireNonNull(cron, "cron should not be null");
    this.retention = retention;
    this.compress = compress;
    this.store = requireNonNull(store, "store should not be null");
    this.clock = requireNonNull(clock, "clock should not be null");
    this.events = requireNonNull(events, "events should not be null");
    this.snapshotter = new Snapshotter(store, etcdctl, clock);
    this.client = EtcdClients.connect(etcdServers, tls);
    // On close, the next snapshot is cancelled; one being written is let finish.
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Schedules the first snapshot; returns when it will be taken. */
  public ZonedDateTime start() {
    return scheduleNext();
  }

  private ZonedDateTime scheduleNext() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(java.time.ZoneId.systemDefault()));
    ZonedDateTime next = cron.next(now);
    long delay = Math.max(0, Duration.between(now, next).toMillis());
    if (!timer.isShutdown()) {
      timer.schedule(this::takeAndReschedule, delay, TimeUnit.MILLISECONDS);
    }
    return next;
  }

  private void takeAndReschedule() {
    try {
      SnapshotMeta m = snapshotter.save(client, snapshotter.defaultName(PREFIX), compress);
      events.accept("etcd snapshot " + m.name() + " saved (revision " + m.revision() + ", "
          + m.size() + " bytes)");
      for (String pruned : store.prune(retention, PREFIX + "-")) {
        events.accept("etcd snapshot " + pruned + " pruned (retention " + retention + ")");
      }
    } catch (Exception e) {
      events.accept("etcd snapshot failed: " + e.getMessage());
    } finally {
      try {
        scheduleNext();
      } catch (RuntimeException shuttingDown) {
        // the executor refuses new work once close() has begun
      }
    }
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(60, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}

package io.kubling.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubling.testkit.EtcdServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled snapshots against a real etcd, on a clock where every minute is 0.1 s away. */
class SnapshotSchedulerTest {
  @TempDir
  Path tmp;

  /** Each reading is one minute later than the last, always 0.1 s before a whole minute. */
  static final class MinutePerReadClock extends Clock {
    private final AtomicLong minutes = new AtomicLong();
    private final Instant base = Instant.parse("2024-03-10T09:59:59.900Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return base.plus(Duration.ofMinutes(minutes.getAndIncrement()));
    }
  }

  @Test
  void takesSnapshotsOnScheduleAndKeepsTheRetention() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    SnapshotStore store = new SnapshotStore(tmp.resolve("snapshots"));
    try (EtcdServer etcd = EtcdServer.start("kubling-scheduler");
        SnapshotScheduler s = new SnapshotScheduler(CronSchedule.parse("* * * * *"), 2, true,
            store, Etcdctl.onPath(), etcd.clientEndpoints(), new MinutePerReadClock(),
            events::add)) {
      s.start();
      await().atMost(Duration.ofSeconds(60))
          .until(() -> events.stream().filter(e -> e.endsWith("pruned (retention 2)")).count() >= 2);
    }
    assertThat(events).noneMatch(e -> e.contains("failed"));
    assertThat(store.list()).hasSizeBetween(2, 3)
        .allMatch(m -> m.name().startsWith("etcd-snapshot-") && m.compressed());
  }
}

package io.kubling.apiserver.storage;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts etcd's history as kube-apiserver does: each interval, compact to the revision
 * seen one interval earlier, so at least one interval of history stays for watches and
 * continue tokens. Several API servers agree through the {@code compact_rev_key} key: only
 * the one whose guarded write of it succeeds compacts.
 */
public final class Compactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Compactor.class);
  static final String KEY = "compact_rev_key";

  private final Client client;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "etcd-compactor");
    t.setDaemon(true);
    return t;
  });
  private long lastVersion;
  private long lastRevision;

  public Compactor(Client client, Duration interval) {
    this.client = client;
    if (!interval.isZero()) {
      long ms = interval.toMillis();
      timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** One round; public so a test can drive it without waiting. */
  public void tick() {
    try {
      ByteSequence key = ByteSequence.from(KEY, StandardCharsets.UTF_8);
      var current = client.getKVClient().get(key, GetOption.DEFAULT).get(10, TimeUnit.SECONDS);
      long rev = current.getHeader().getRevision();
      long version = current.getKvs().isEmpty() ? 0 : current.getKvs().get(0).getVersion();
      var txn = client.getKVClient().txn()
          .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(version)))
          .Then(Op.put(key, ByteSequence.from(Long.toString(rev), StandardCharsets.UTF_8),
              PutOption.DEFAULT))
          .commit().get(10, TimeUnit.SECONDS);
      if (txn.isSucceeded() && version == lastVersion && lastRevision > 0) {
        client.getKVClient().compact(lastRevision).get(30, TimeUnit.SECONDS);
        log.atInfo().addKeyValue("revision", lastRevision).log("etcd compacted");
      }
      // Whoever wrote the key, its version now tells whether the next round is ours.
      lastVersion = txn.isSucceeded() ? version + 1 : version;
      lastRevision = rev;
    } catch (Exception e) {
      log.atWarn().addKeyValue("error", e.toString()).log("etcd compaction skipped");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

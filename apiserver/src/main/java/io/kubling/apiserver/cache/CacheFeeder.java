package io.kubling.apiserver.cache;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent.EventType;
import io.etcd.jetcd.watch.WatchResponse;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.storage.EtcdStorage;
import io.kubling.apiserver.storage.KeyValue;
import io.kubling.apiserver.storage.ListResult;
import io.kubling.apiserver.storage.StorageError;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every {@link WatchCache} current from one etcd watch over {@code /registry/}.
 *
 * <p>One watch for all types (rather than one per type) gives one stream of revisions, so
 * "the caches have seen revision R" is well defined: a LIST without resourceVersion can be
 * served from the cache once it has caught up with etcd's current revision.
 */
public final class CacheFeeder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheFeeder.class);
  private static final String PREFIX = "/registry/";
  private static final int PAGE = 500;
  /** Bounds {@link #written} while the watch is behind (etcd away, a relist). */
  private static final int MAX_WRITTEN = 10_000;

  private final Client client;
  private final EtcdStorage storage;
  private final Map<String, WatchCache> byPlural = new HashMap<>();
  private final List<WatchCache> caches;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "cache-feeder");
        t.setDaemon(true);
        return t;
      });
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
  /**
   * Objects this server has just written, by the revision of their write, until their watch
   * event arrives: an object at the same key and revision is the very value that was written,
   * so the event takes the writer's decoded copy instead of parsing the JSON again, as
   * Kubernetes' watch cache would decode it. Entries whose event came first are dropped with
   * the next batch of events.
   */
  private final Map<Long, CachedObject> written = new ConcurrentHashMap<>();
  private volatile long revision;
  private volatile boolean synced;
  private volatile boolean closed;
  private Watch.Watcher watcher;

  private record Waiter(long revision, CompletableFuture<Void> done) implements Comparable<Waiter> {
    @Override
    public int compareTo(Waiter o) {
      return Long.compare(revision, o.revision);
    }
  }

  public CacheFeeder(Client client, EtcdStorage storage, List<ResourceType> types, int window) {
    this.client = client;
    this.storage = storage;
    this.caches = types.stream().map(t -> new WatchCache(t, window)).toList();
    caches.forEach(c -> byPlural.put(c.type().plural(), c));
  }

  public WatchCache cache(ResourceType type) {
    return byPlural.get(type.plural());
  }

  public boolean synced() {
    return synced;
  }

  public long revision() {
    return revision;
  }

  /** Lists everything, then watches; completes once the caches are filled. */
  public CompletableFuture<Void> start() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    executor.execute(() -> relist(done, false));
    return done;
  }

  /**
   * Tells the caches about an object this server wrote (key and revision of the write, the
   * stored JSON and its tree, which nobody changes any more), so that its event need not be
   * decoded again. Only an optimisation: an event that finds nothing here is decoded.
   */
  public void written(CachedObject o) {
    if (o.revision() <= revision || written.size() >= MAX_WRITTEN) {
      return; // its event is in already (or the watch is behind: do not hoard)
    }
    written.put(o.revision(), o);
  }

  /** Completes once the caches have applied every change up to rev. */
  public CompletableFuture<Void> waitFor(long rev) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (waiters) {
      if (revision >= rev) {
        f.complete(null);
      } else {
        waiters.add(new Waiter(rev, f));
      }
    }
    return f;
  }

  private void relist(CompletableFuture<Void> done, boolean historyBroken) {
    if (closed) {
      return;
    }
    Map<String, Map<String, CachedObject>> fresh = new HashMap<>();
    caches.forEach(c -> fresh.put(c.type().plural(), new HashMap<>()));
    listPage(null, 0, fresh).whenCompleteAsync((rev, err) -> {
      if (err != null) {
        log.atWarn().addKeyValue("error", err.toString()).log("cache relist failed; retrying");
        executor.schedule(() -> relist(done, historyBroken), 1, TimeUnit.SECONDS);
        return;
      }
      for (WatchCache c : caches) {
        if (historyBroken) {
          c.replace(fresh.get(c.type().plural()), rev);
        } else {
          c.fill(fresh.get(c.type().plural()), rev);
        }
      }
      advance(rev);
      synced = true;
      watchFrom(rev + 1);
      done.complete(null);
    }, executor);
  }

  private CompletableFuture<Long> listPage(String from, long rev,
      Map<String, Map<String, CachedObject>> into) {
    return storage.listStored(PREFIX, from, rev, PAGE).thenCompose((ListResult r) -> {
      for (KeyValue kv : r.items()) {
        Map<String, CachedObject> m = into.get(plural(kv.key()));
        if (m != null) {
          try {
            byte[] value = storage.fromStorage(kv.key(), kv.value());
            m.put(kv.key(), CachedObject.decode(kv.key(), value, kv.modRevision()));
          } catch (StorageError.Untransformable bad) {
            // One unreadable value (say, a removed encryption key) must not keep every
            // resource's cache from syncing; reads of that key from etcd answer 500.
            log.atError().addKeyValue("key", kv.key()).addKeyValue("error", bad.getMessage())
                .log("undecryptable value left out of the watch cache");
          }
        }
      }
      if (!r.more() || r.items().isEmpty()) {
        return CompletableFuture.completedFuture(r.revision());
      }
      String last = r.items().get(r.items().size() - 1).key();
      return listPage(last + "\0", r.revision(), into);
    });
  }

  private void watchFrom(long rev) {
    WatchOption opt = WatchOption.builder().isPrefix(true).withRevision(rev).withPrevKV(false)
        .build();
    watcher = client.getWatchClient().watch(ByteSequence.from(PREFIX, StandardCharsets.UTF_8),
        opt, Watch.listener(this::onEvents, this::onError));
  }

  private void onEvents(WatchResponse response) {
    executor.execute(() -> {
      long last = revision;
      for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
        String key = e.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
        long rev = e.getKeyValue().getModRevision();
        if (rev <= revision) {
          continue; // already seen (a resumed watch may repeat)
        }
        WatchCache c = byPlural.get(plural(key));
        if (c != null) {
          try {
            boolean deleted = e.getEventType() == EventType.DELETE;
            CachedObject mine = deleted ? null : written.get(rev);
            if (mine != null && mine.key().equals(key)) {
              written.remove(rev);
              c.apply(mine);
              last = Math.max(last, rev);
              continue;
            }
            byte[] value = e.getKeyValue().getValue().getBytes();
            c.apply(key, deleted ? value : storage.fromStorage(key, value), rev, deleted);
          } catch (RuntimeException bad) {
            log.atError().addKeyValue("key", key).setCause(bad).log("undecodable value skipped");
          }
        }
        last = Math.max(last, rev);
      }
      advance(last);
      if (!written.isEmpty()) {
        long now = revision;
        written.keySet().removeIf(r -> r <= now); // writes whose events are in: only a few
      }
    });
  }

  private void onError(Throwable t) {
    if (closed) {
      return;
    }
    boolean compacted = t instanceof io.etcd.jetcd.common.exception.CompactedException
        || String.valueOf(t.getMessage()).contains("compacted");
    log.atWarn().addKeyValue("compacted", compacted).addKeyValue("error", t.toString())
        .log("etcd watch broke");
    executor.execute(() -> {
      if (watcher != null) {
        watcher.close();
      }
      if (compacted) {
        relist(new CompletableFuture<>(), true);
      } else {
        executor.schedule(() -> watchFrom(revision + 1), 500, TimeUnit.MILLISECONDS);
      }
    });
  }

  private void advance(long rev) {
    if (rev <= revision) {
      return;
    }
    revision = rev;
    caches.forEach(c -> c.advance(rev));
    synchronized (waiters) {
      while (!waiters.isEmpty() && waiters.peek().revision() <= rev) {
        waiters.poll().done().complete(null);
      }
    }
  }

  /** The plural in {@code /registry/<plural>/...}, or "" for keys of no cached type. */
  static String plural(String key) {
    int end = key.indexOf('/', PREFIX.length());
    return end < 0 ? "" : key.substring(PREFIX.length(), end);
  }

  @Override
  public void close() {
    closed = true;
    executor.execute(() -> {
      if (watcher != null) {
        watcher.close();
      }
    });
    executor.shutdown();
    synchronized (waiters) {
      waiters.forEach(w -> w.done().completeExceptionally(
          new StorageError.Unavailable("shutting down", null)));
      waiters.clear();
    }
  }
}

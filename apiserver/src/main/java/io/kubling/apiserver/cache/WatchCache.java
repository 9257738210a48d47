package io.kubling.apiserver.cache;

import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.registry.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The current objects of one resource type plus a window of recent events, fed by the
 * {@link CacheFeeder}. Lists with resourceVersion=0 and every watch are served from here,
 * never by an etcd watch per client.
 */
public final class WatchCache {
  private final ResourceType type;
  private final int windowSize;
  private final ConcurrentSkipListMap<String, CachedObject> objects = new ConcurrentSkipListMap<>();
  private final ArrayDeque<WatchEvent> window = new ArrayDeque<>();
  private final List<CacheWatcher> watchers = new CopyOnWriteArrayList<>();
  /** Events after this revision are all in the window. */
  private long windowStart;
  private volatile long revision;

  public WatchCache(ResourceType type, int windowSize) {
    this.type = type;
    this.windowSize = windowSize;
  }

  public ResourceType type() {
    return type;
  }

  /** The revision up to which this cache has applied every change. */
  public long revision() {
    return revision;
  }

  public CachedObject get(String key) {
    return objects.get(key);
  }

  /** Objects under a key prefix (the type's, or one namespace's), in key order. */
  public List<CachedObject> list(String keyPrefix, WatchFilter filter) {
    List<CachedObject> out = new ArrayList<>();
    // A tail map ended by startsWith rather than subMap(prefix, prefix + '\uffff'): that
    // bound makes every key comparison a Latin-1 against UTF-16 one, and a sub-map's size()
    // walks it all once more. Both showed in a profile of a 5,000-pod LIST.
    for (Map.Entry<String, CachedObject> e : objects.tailMap(keyPrefix, true).entrySet()) {
      if (!e.getKey().startsWith(keyPrefix)) {
        break;
      }
      if (filter.matches(e.getValue())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** The matching objects and the revision they are current at, taken together. */
  public synchronized Snapshot snapshot(String keyPrefix, WatchFilter filter) {
    return new Snapshot(list(keyPrefix, filter), revision);
  }

  /** Objects as of one revision. */
  public record Snapshot(List<CachedObject> items, long revision) {}

  public int size() {
    return objects.size();
  }

  public int watcherCount() {
    return watchers.size();
  }

  /** Throws 410 Expired when a watch from this revision could not be served. */
  public synchronized void checkWatchable(long fromRevision) {
    if (fromRevision != 0 && fromRevision < windowStart) {
      throw ApiException.expired("too old resource version: " + fromRevision + " ("
          + windowStart + ")");
    }
  }

  /**
   * Starts a watch. With fromRevision 0 the client first gets an ADDED event for every
   * current object that matches, then changes; otherwise every change after fromRevision.
   *
   * @throws ApiException 410 Expired when fromRevision is older than the window
   */
  public synchronized CacheWatcher watch(String keyPrefix, long fromRevision, WatchFilter filter,
      WatchSink sink) {
    long start = fromRevision;
    List<WatchEvent> replay = new ArrayList<>();
    if (fromRevision == 0) {
      for (CachedObject o : list(keyPrefix, filter)) {
        replay.add(new WatchEvent(WatchEvent.Type.ADDED, o, null));
      }
      start = revision;
    } else if (fromRevision < windowStart) {
      throw ApiException.expired("too old resource version: " + fromRevision + " ("
          + windowStart + ")");
    } else {
      for (WatchEvent e : window) {
        if (e.revision() > fromRevision) {
          replay.add(e);
        }
      }
    }
    CacheWatcher w = new CacheWatcher(this, keyPrefix, filter, sink, start);
    if (fromRevision == 0) {
      for (WatchEvent e : replay) {
        // Initial state is delivered as ADDED regardless of revision.
        if (!sink.send(e.type(), e.object(), e.line())) {
          return w;
        }
      }
    } else {
      for (WatchEvent e : replay) {
        if (!w.deliver(e)) {
          return w;
        }
      }
    }
    watchers.add(w);
    return w;
  }

  void remove(CacheWatcher w) {
    watchers.remove(w);
  }

  /** Applies one change seen by the feeder (in revision order). */
  synchronized void apply(String key, byte[] value, long modRevision, boolean deleted) {
    CachedObject previous = objects.get(key);
    WatchEvent e;
    if (deleted) {
      if (previous == null) {
        return;
      }
      objects.remove(key);
      CachedObject last = CachedObject.stamp(key, previous.object().deepCopy(), modRevision);
      e = new WatchEvent(WatchEvent.Type.DELETED, last, previous);
    } else {
      CachedObject now = CachedObject.decode(key, value, modRevision);
      objects.put(key, now);
      e = new WatchEvent(previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED,
          now, previous);
    }
    record(e);
    revision = modRevision;
  }

  /** Applies an object written at its revision, already decoded (see CacheFeeder#written). */
  synchronized void apply(CachedObject now) {
    CachedObject previous = objects.put(now.key(), now);
    record(new WatchEvent(previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED,
        now, previous));
    revision = now.revision();
  }

  private void record(WatchEvent e) {
    window.addLast(e);
    while (window.size() > windowSize) {
      windowStart = window.removeFirst().revision();
    }
    for (CacheWatcher w : watchers) {
      if (!w.deliver(e)) {
        w.stop();
      }
    }
  }

  /** Moves the cache's revision forward when other types changed (nothing here did). */
  void advance(long rev) {
    if (rev > revision) {
      revision = rev;
    }
  }

  /**
   * Replaces all objects after a relist that followed a compaction: the history since the
   * last revision is gone, so every watcher gets 410 (clients relist) and the window restarts.
   */
  synchronized void replace(Map<String, CachedObject> fresh, long rev) {
    for (CacheWatcher w : watchers) {
      w.expire("the watch history was compacted; relist");
    }
    watchers.clear();
    fill(fresh, rev);
  }

  /** Initial fill: no events, the window starts at rev. */
  synchronized void fill(Map<String, CachedObject> fresh, long rev) {
    objects.clear();
    objects.putAll(fresh);
    windowStart = rev;
    revision = rev;
  }
}

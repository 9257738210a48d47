package io.kubling.apiserver.cache;

/**
 * One client watch on a {@link WatchCache}: filters events and turns a change that moves an
 * object into or out of the selection into ADDED or DELETED, as Kubernetes' cacher does.
 */
public final class CacheWatcher {
  private final WatchCache cache;
  private final String keyPrefix;
  private final WatchFilter filter;
  private final WatchSink sink;
  private final long fromRevision;
  private volatile boolean stopped;

  CacheWatcher(WatchCache cache, String keyPrefix, WatchFilter filter, WatchSink sink,
      long fromRevision) {
    this.cache = cache;
    this.keyPrefix = keyPrefix;
    this.filter = filter;
    this.sink = sink;
    this.fromRevision = fromRevision;
  }

  /** Delivers an event; returns false when the sink wants no more. */
  boolean deliver(WatchEvent e) {
    if (stopped) {
      return false;
    }
    if (e.revision() <= fromRevision || !e.object().key().startsWith(keyPrefix)) {
      return true;
    }
    boolean now = e.type() != WatchEvent.Type.DELETED && filter.matches(e.object());
    boolean before = e.previous() != null && filter.matches(e.previous());
    if (e.type() == WatchEvent.Type.DELETED) {
      return !before || sink.send(e.type(), e.object(), e.line());
    }
    if (now && before) {
      return sink.send(e.type(), e.object(), e.line());
    }
    if (now) {
      return e.type() == WatchEvent.Type.ADDED ? sink.send(e.type(), e.object(), e.line())
          : sink.send(WatchEvent.Type.ADDED, e.object(),
              WatchEvent.line(WatchEvent.Type.ADDED, e.object().json()));
    }
    if (before) {
      return sink.send(WatchEvent.Type.DELETED, e.object(),
          WatchEvent.line(WatchEvent.Type.DELETED, e.object().json()));
    }
    return true;
  }

  void expire(String message) {
    stopped = true;
    sink.expire(message);
  }

  /** Stops delivery; safe to call more than once and from any thread. */
  public void stop() {
    stopped = true;
    cache.remove(this);
  }
}

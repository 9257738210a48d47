package io.kubling.apiserver.cache;

/** Where a client watch's events go; implemented by the HTTP layer. */
public interface WatchSink {
  /**
   * Takes one event for this watcher; called on the cache's thread, so it must not block.
   *
   * @param line the event's JSON line, shared between watchers when unchanged
   * @return false when the watcher should be dropped (closed or too far behind)
   */
  boolean send(WatchEvent.Type type, CachedObject object, byte[] line);

  /** The watch cannot go on (its history is gone): tell the client 410 and close. */
  void expire(String message);
}

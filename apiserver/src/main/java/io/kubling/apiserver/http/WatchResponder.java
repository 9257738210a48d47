package io.kubling.apiserver.http;

import io.kubling.apiserver.cache.CacheWatcher;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchEvent;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams one client's watch: events arrive on the cache thread, are queued, and are written
 * on the connection's event loop in batches. A client that falls too far behind is cut off,
 * as Kubernetes does, and relists.
 */
final class WatchResponder implements io.kubling.apiserver.cache.WatchSink {
  private static final int MAX_PENDING = 50_000;

  private final Context context;
  private final HttpServerResponse response;
  private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile boolean closed;
  private volatile CacheWatcher watcher;

  WatchResponder(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
  }

  void attach(CacheWatcher w) {
    this.watcher = w;
    if (closed) {
      w.stop();
    }
  }

  @Override
  public boolean send(WatchEvent.Type type, CachedObject object, byte[] line) {
    if (closed) {
      return false;
    }
    if (size.incrementAndGet() > MAX_PENDING) {
      close();
      return false;
    }
    pending.add(line);
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
    return true;
  }

  void sendLine(byte[] line) {
    send(WatchEvent.Type.BOOKMARK, null, line);
  }

  private void drain() {
    drainScheduled.set(false);
    if (closed) {
      return;
    }
    Buffer batch = Buffer.buffer();
    byte[] line;
    while ((line = pending.poll()) != null) {
      size.decrementAndGet();
      batch.appendBytes(line);
    }
    if (batch.length() > 0) {
      response.write(batch);
    }
  }

  @Override
  public void expire(String message) {
    byte[] line = WatchEvent.line(WatchEvent.Type.ERROR,
        Json.bytes(Responses.status(ApiException.expired(message))));
    context.runOnContext(v -> {
      drain();
      if (!closed) {
        response.write(Buffer.buffer(line));
      }
      close();
    });
  }

  /** Ends the response and stops the watcher; safe from any thread, more than once. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    CacheWatcher w = watcher;
    if (w != null) {
      w.stop();
    }
    context.runOnContext(v -> {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    });
  }

  boolean closed() {
    return closed;
  }
}

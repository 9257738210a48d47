package io.kubling.apiserver.http;

import io.kubling.apiserver.cache.CacheWatcher;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchEvent;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.util.ArrayList;
import java.util.List;
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

  /** Where the lines go: a chunked HTTP response, or a WebSocket (one message per event). */
  interface Output {
    void write(List<byte[]> lines);

    void end();
  }

  /** A chunked response: the lines of a batch in one write. */
  static Output chunked(HttpServerResponse response) {
    return new Output() {
      @Override
      public void write(List<byte[]> lines) {
        Buffer batch = Buffer.buffer();
        lines.forEach(batch::appendBytes);
        response.write(batch);
      }

      @Override
      public void end() {
        if (!response.ended() && !response.closed()) {
          response.end();
        }
      }
    };
  }

  /**
   * Vert.x's default largest WebSocket frame, which a Vert.x client (fabric8's) also refuses to
   * receive beyond: longer events go out in pieces, as writeTextMessage would send them.
   */
  static final int MAX_FRAME = 65_536;

  /**
   * A WebSocket, as fabric8 watches by default: each event a text message, framed straight
   * from the event's shared line (without its newline). writeTextMessage would want a String:
   * decoding every event to UTF-16 for Vert.x to encode it back was a copy and a half of each
   * event per watcher, and the String was garbage at once.
   */
  static Output webSocket(ServerWebSocket ws) {
    return new Output() {
      @Override
      public void write(List<byte[]> lines) {
        for (byte[] line : lines) {
          int n = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
          writeText(ws, line, n);
        }
      }

      @Override
      public void end() {
        if (!ws.isClosed()) {
          ws.close();
        }
      }
    };
  }

  /** One text message of the first {@code length} bytes of {@code utf8}, in frames. */
  static void writeText(ServerWebSocket ws, byte[] utf8, int length) {
    if (length <= MAX_FRAME) {
      ws.writeFrame(frame(WebSocketFrameType.TEXT, utf8, 0, length, true));
      return;
    }
    // A piece may end inside a character: only the whole message has to be UTF-8.
    for (int off = 0; off < length; off += MAX_FRAME) {
      int end = Math.min(length, off + MAX_FRAME);
      ws.writeFrame(frame(off == 0 ? WebSocketFrameType.TEXT : WebSocketFrameType.CONTINUATION,
          utf8, off, end - off, end == length));
    }
  }

  // Vert.x 5's public WebSocketFrame.textFrame takes only a String; its frame class takes the
  // bytes as they are (wrapped, not copied: the line is never changed once built).
  private static WebSocketFrame frame(WebSocketFrameType type, byte[] bytes, int off, int len,
      boolean last) {
    return new WebSocketFrameImpl(type, Unpooled.wrappedBuffer(bytes, off, len), last);
  }

  /** Renders an event for this watcher when it wants something else than the shared line. */
  interface Renderer {
    byte[] line(WatchEvent.Type type, CachedObject object);
  }

  private final Context context;
  private final Output output;
  private final Renderer renderer;
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile boolean closed;
  private volatile CacheWatcher watcher;

  WatchResponder(Context context, Output output, Renderer renderer) {
    this.context = context;
    this.output = output;
    this.renderer = renderer;
  }

  /** One queued event: a ready line, or an object still to render on the event loop. */
  private record Pending(byte[] line, WatchEvent.Type type, CachedObject object) {}

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
    // Rendering (a Table row) waits for the event loop, off the cache's one thread.
    pending.add(renderer != null && object != null ? new Pending(null, type, object)
        : new Pending(line, null, null));
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
    List<byte[]> batch = new ArrayList<>();
    Pending p;
    while ((p = pending.poll()) != null) {
      size.decrementAndGet();
      batch.add(p.line() != null ? p.line() : renderer.line(p.type(), p.object()));
    }
    if (!batch.isEmpty()) {
      output.write(batch);
    }
  }

  @Override
  public void expire(String message) {
    byte[] line = WatchEvent.line(WatchEvent.Type.ERROR,
        Json.bytes(Responses.status(ApiException.expired(message))));
    context.runOnContext(v -> {
      drain();
      if (!closed) {
        output.write(List.of(line));
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
    context.runOnContext(v -> output.end());
  }

  boolean closed() {
    return closed;
  }
}

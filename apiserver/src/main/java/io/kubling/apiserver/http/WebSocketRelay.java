package io.kubling.apiserver.http;

import io.vertx.core.http.WebSocketBase;

/**
 * Relays whole WebSocket messages both ways between two sockets, pausing a side whose peer
 * cannot keep up; when one side closes, the other is closed with the same code.
 */
final class WebSocketRelay {
  private WebSocketRelay() {}

  static void both(WebSocketBase a, WebSocketBase b) {
    one(a, b);
    one(b, a);
  }

  private static void one(WebSocketBase from, WebSocketBase to) {
    from.binaryMessageHandler(m -> {
      if (to.isClosed()) {
        return;
      }
      to.writeBinaryMessage(m);
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(v -> from.resume());
      }
    });
    from.textMessageHandler(t -> {
      if (!to.isClosed()) {
        to.writeTextMessage(t);
      }
    });
    from.exceptionHandler(t -> close(to, (short) 1011));
    from.closeHandler(v -> close(to, from.closeStatusCode() == null ? 1000
        : from.closeStatusCode()));
  }

  private static void close(WebSocketBase ws, short code) {
    if (!ws.isClosed()) {
      // 1005/1006 are "no code"/"abnormal" markers that may not be sent on the wire.
      ws.close(code == 1005 || code == 1006 ? 1000 : code);
    }
  }
}

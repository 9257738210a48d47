package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;

/**
 * Ends an exec WebSocket with a failure Status on the error channel (3), which kubectl prints,
 * for failures found after the upgrade (the node agent refused or is unreachable).
 */
final class ExecStatus {
  private static final byte ERROR_CHANNEL = 3;

  private ExecStatus() {}

  static void fail(WebSocketBase ws, String message) {
    ObjectNode s = Json.object();
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", "InternalError");
    s.put("code", 502);
    Buffer b = Buffer.buffer().appendByte(ERROR_CHANNEL).appendBytes(Json.bytes(s));
    if (!ws.isClosed()) {
      ws.writeBinaryMessage(b).onComplete(x -> ws.close());
    }
  }
}

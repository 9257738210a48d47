package io.kubling.agent.kubelet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/** The kubelet API's failures as metav1.Status bodies, which the API server passes on as-is. */
final class KubeletStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KubeletStatus() {}

  static void fail(HttpServerResponse r, int code, String reason, String message) {
    if (r.ended() || r.closed()) {
      return;
    }
    if (r.headWritten()) {
      r.end();
      return;
    }
    ObjectNode s = JSON.createObjectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    r.setStatusCode(code).putHeader("Content-Type", "application/json").end(s.toString());
  }

  static void badRequest(HttpServerResponse r, String message) {
    fail(r, 400, "BadRequest", message);
  }

  static void notFound(HttpServerResponse r, String message) {
    fail(r, 404, "NotFound", message);
  }
}

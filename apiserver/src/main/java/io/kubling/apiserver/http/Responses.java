package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes answers: objects as JSON, failures as metav1.Status. The one place errors meet HTTP. */
public final class Responses {
  private static final Logger log = LoggerFactory.getLogger(Responses.class);
  public static final String JSON = "application/json";

  private Responses() {}

  public static void json(RoutingContext ctx, int code, byte[] body) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) {
      return;
    }
    // Wrapped, not copied: the bytes are an object's cached encoding, never changed after.
    r.setStatusCode(code).putHeader("Content-Type", JSON)
        .end(BufferInternal.buffer(Unpooled.wrappedBuffer(body)));
  }

  /** A body already built as a Buffer: written without another copy. */
  public static void json(RoutingContext ctx, int code, Buffer body) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) {
      return;
    }
    r.setStatusCode(code).putHeader("Content-Type", JSON).end(body);
  }

  /**
   * A body built in pieces (a large list, see {@link ListBody}): sent with its length, piece
   * by piece; each piece is released once written, failed or not sent.
   */
  static void json(RoutingContext ctx, int code, List<ByteBuf> pieces) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) {
      ListBody.release(pieces);
      return;
    }
    long length = 0;
    for (ByteBuf b : pieces) {
      length += b.readableBytes();
    }
    r.setStatusCode(code).putHeader("Content-Type", JSON)
        .putHeader("Content-Length", Long.toString(length));
    if (pieces.size() > 1) {
      // The head alone first: sent together with the first piece, it would make Netty's gzip
      // judge the answer by that piece's size, under the threshold, and never compress it.
      r.writeHead();
    }
    for (int i = 0; i < pieces.size(); i++) {
      ByteBuf b = pieces.get(i);
      // Vert.x hands Netty an unreleasable view of a direct buffer: the buffer is ours to
      // release, after Netty has written (or dropped) it.
      Buffer piece = BufferInternal.buffer(b);
      (i < pieces.size() - 1 ? r.write(piece) : r.end(piece)).onComplete(x -> b.release());
    }
  }

  public static void json(RoutingContext ctx, int code, ObjectNode body) {
    json(ctx, code, Json.bytes(body));
  }

  /** Any failure becomes a Status body; unexpected ones are logged and answered with 500. */
  public static void fail(RoutingContext ctx, Throwable t) {
    ApiException e = asApi(t);
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) {
      return;
    }
    if (r.headWritten()) {
      r.end();
      return;
    }
    if (e.retryAfterSeconds() != null) {
      r.putHeader("Retry-After", e.retryAfterSeconds().toString());
    }
    json(ctx, e.code(), status(e));
  }

  public static ApiException asApi(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApiException a) {
      return a;
    }
    log.atError().setCause(t).log("internal error");
    return ApiException.internal(String.valueOf(t.getMessage()));
  }

  public static ObjectNode status(ApiException e) {
    ObjectNode s = Json.object();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", e.getMessage());
    s.put("reason", e.reason());
    if (e.name() != null || e.kind() != null || !e.causes().isEmpty()) {
      ObjectNode d = s.putObject("details");
      if (e.name() != null) {
        d.put("name", e.name());
      }
      if (e.group() != null && !e.group().isEmpty()) {
        d.put("group", e.group());
      }
      if (e.kind() != null) {
        d.put("kind", e.kind());
      }
      if (!e.causes().isEmpty()) {
        var causes = d.putArray("causes");
        for (FieldError c : e.causes()) {
          causes.addObject().put("reason", c.reason()).put("message", c.detail())
              .put("field", c.field());
        }
      }
      if (e.retryAfterSeconds() != null) {
        d.put("retryAfterSeconds", e.retryAfterSeconds());
      }
    }
    s.put("code", e.code());
    return s;
  }

  /** The 201 Status of success that pods/binding and pods/eviction answer. */
  public static void created(RoutingContext ctx) {
    ObjectNode ok = Json.object();
    ok.put("kind", "Status");
    ok.put("apiVersion", "v1");
    ok.putObject("metadata");
    ok.put("status", "Success");
    ok.put("code", 201);
    json(ctx, 201, ok);
  }

  /** A Status of success, as DELETE answers for most resources. */
  public static ObjectNode success(String name, String group, String kind, String uid) {
    ObjectNode s = Json.object();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success");
    ObjectNode d = s.putObject("details");
    d.put("name", name);
    if (!group.isEmpty()) {
      d.put("group", group);
    }
    d.put("kind", kind);
    if (uid != null) {
      d.put("uid", uid);
    }
    return s;
  }
}

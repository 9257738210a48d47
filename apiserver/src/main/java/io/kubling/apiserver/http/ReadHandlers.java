package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.WatchCache;
import io.kubling.apiserver.cache.WatchEvent;
import io.kubling.apiserver.cache.WatchFilter;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ListOptions;
import io.kubling.apiserver.registry.Lister;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** GET of one object, LIST and WATCH. */
final class ReadHandlers {
  private static final long BOOKMARK_MS = 10_000;
  private final ResourceStore store;
  private final Lister lister;

  ReadHandlers(ResourceStore store, Lister lister) {
    this.store = store;
    this.lister = lister;
  }

  void get(RoutingContext ctx, ResourceType type, RequestInfo info) {
    String rv = ctx.queryParams().get("resourceVersion");
    TableRequest table = TableRequest.of(ctx, type);
    Future.fromCompletionStage(store.get(type, info.namespace(), info.name(), rv),
            ctx.vertx().getOrCreateContext())
        .onSuccess(o -> Responses.json(ctx, 200, table == null ? o.json() : table.single(o)))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  void list(RoutingContext ctx, ResourceType type, RequestInfo info) {
    ListOptions opts = Query.listOptions(ctx.queryParams());
    TableRequest table = TableRequest.of(ctx, type);
    Future.fromCompletionStage(lister.list(type, info.namespace(), opts),
            ctx.vertx().getOrCreateContext())
        .onSuccess(page -> {
          if (table == null) {
            Responses.json(ctx, 200, ListBody.pieces(type, page));
          } else {
            Responses.json(ctx, 200, table.list(page));
          }
        })
        .onFailure(t -> Responses.fail(ctx, t));
  }

  void watch(RoutingContext ctx, ResourceType type, RequestInfo info) {
    MultiMap q = ctx.queryParams();
    ListOptions opts = Query.listOptions(q);
    WatchFilter selected = Lister.filter(type, opts);
    String prefix = Lister.keyPrefix(type, info.namespace());
    WatchFilter filter = selected;
    if (info.name() != null) {
      // The old /watch/namespaces/ns/pods/name form watches one object.
      String key = ResourceStore.key(type, info.namespace(), info.name());
      filter = o -> o.key().equals(key) && selected.matches(o);
    }
    String rvParam = opts.resourceVersion();
    long from = rvParam == null || rvParam.isEmpty() ? 0 : Lister.parseResourceVersion(rvParam);
    boolean initialEnd = Query.flag(q, "sendInitialEvents");
    if (initialEnd && from != 0 && !"NotOlderThan".equals(opts.resourceVersionMatch())) {
      throw ApiException.badRequest("sendInitialEvents is forbidden unless resourceVersion is"
          + " empty or 0, or resourceVersionMatch is NotOlderThan");
    }
    WatchCache cache = store.caches().cache(type);
    WatchFilter chosen = filter;
    TableRequest table = TableRequest.of(ctx, type);
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      // Over WebSocket even "too old" is told in the stream, as an ERROR event with a 410
      // Status: fabric8 relists on that, but retries a refused handshake forever.
      ctx.request().toWebSocket()
          .onSuccess(ws -> stream(ctx, type, cache, prefix, from, chosen,
              WatchResponder.webSocket(ws), table, h -> ws.closeHandler(v -> h.run())))
          .onFailure(t -> Responses.fail(ctx, ApiException.badRequest(
              "WebSocket upgrade failed: " + t.getMessage())));
      return;
    }
    // Over HTTP, too old is answered 410 before the stream starts.
    cache.checkWatchable(from);
    HttpServerResponse resp = ctx.response();
    resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", Responses.JSON);
    // The head goes out at once, so a client sees 200 before any event.
    resp.writeHead();
    stream(ctx, type, cache, prefix, from, chosen, WatchResponder.chunked(resp), table, h -> {
      resp.closeHandler(v -> h.run());
      resp.endHandler(v -> h.run());
    });
  }

  private void stream(RoutingContext ctx, ResourceType type, WatchCache cache, String prefix,
      long from, WatchFilter filter, WatchResponder.Output output, TableRequest table,
      java.util.function.Consumer<Runnable> onClose) {
    MultiMap q = ctx.queryParams();
    Long timeout = Query.longParam(q, "timeoutSeconds");
    long timeoutMs = 1000 * (timeout != null && timeout > 0 ? timeout
        : 1800 + ThreadLocalRandom.current().nextLong(1800));
    WatchResponder responder = new WatchResponder(ctx.vertx().getOrCreateContext(), output,
        table == null ? null : table::watchLine);
    try {
      responder.attach(cache.watch(prefix, from, filter, responder));
    } catch (ApiException e) {
      // Expired between the check and now: tell the client in the stream.
      responder.expire(e.getMessage());
      return;
    }
    if (Query.flag(q, "sendInitialEvents")) {
      responder.sendLine(bookmark(type, cache.revision(), true));
    }
    long bookmarkTimer = Query.flag(q, "allowWatchBookmarks") ? ctx.vertx().setPeriodic(
        BOOKMARK_MS, id -> responder.sendLine(bookmark(type, cache.revision(), false))) : -1;
    long timeoutTimer = ctx.vertx().setTimer(timeoutMs, id -> responder.close());
    onClose.accept(() -> {
      responder.close();
      ctx.vertx().cancelTimer(timeoutTimer);
      if (bookmarkTimer >= 0) {
        ctx.vertx().cancelTimer(bookmarkTimer);
      }
    });
  }

  static byte[] bookmark(ResourceType type, long revision, boolean initialEventsEnd) {
    ObjectNode o = Json.object();
    o.put("kind", type.kind());
    o.put("apiVersion", type.apiVersion());
    ObjectNode meta = o.putObject("metadata");
    meta.put("resourceVersion", Long.toString(revision));
    if (initialEventsEnd) {
      meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
    }
    return WatchEvent.line(WatchEvent.Type.BOOKMARK, Json.bytes(o));
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

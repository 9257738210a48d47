package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CacheWatcher;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchCache;
import io.kubling.apiserver.cache.WatchEvent;
import io.kubling.apiserver.cache.WatchFilter;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ListOptions;
import io.kubling.apiserver.registry.ListPage;
import io.kubling.apiserver.registry.Lister;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
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
    Future.fromCompletionStage(store.get(type, info.namespace(), info.name(), rv),
            ctx.vertx().getOrCreateContext())
        .onSuccess(o -> Responses.json(ctx, 200, o.json()))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  void list(RoutingContext ctx, ResourceType type, RequestInfo info) {
    ListOptions opts = Query.listOptions(ctx.queryParams());
    Future.fromCompletionStage(lister.list(type, info.namespace(), opts),
            ctx.vertx().getOrCreateContext())
        .onSuccess(page -> Responses.json(ctx, 200, listBody(type, page)))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  /** {"kind":"PodList",...,"items":[...]} from the objects' JSON, which is not re-serialized. */
  static byte[] listBody(ResourceType type, ListPage page) {
    ObjectNode head = Json.object();
    head.put("kind", type.listKind());
    head.put("apiVersion", type.apiVersion());
    ObjectNode meta = head.putObject("metadata");
    meta.put("resourceVersion", Long.toString(page.revision()));
    if (page.continueToken() != null) {
      meta.put("continue", page.continueToken());
    }
    if (page.remaining() != null) {
      meta.put("remainingItemCount", page.remaining());
    }
    byte[] h = Json.bytes(head);
    int size = h.length + 16;
    for (CachedObject o : page.items()) {
      size += o.json().length + 1;
    }
    Buffer b = Buffer.buffer(size);
    b.appendBytes(h, 0, h.length - 1);
    b.appendString(",\"items\":[");
    boolean first = true;
    for (CachedObject o : page.items()) {
      if (!first) {
        b.appendByte((byte) ',');
      }
      first = false;
      b.appendBytes(o.json());
    }
    b.appendString("]}");
    return b.getBytes();
  }

  void watch(RoutingContext ctx, ResourceType type, RequestInfo info) {
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      // Answering an upgrade with the endless chunked stream leaves a WebSocket client
      // (fabric8 on Vert.x) waiting for the end of a refused handshake's body forever.
      throw ApiException.badRequest("watch over WebSocket is not supported by kubling: watch"
          + " with a plain HTTP request (chunked JSON lines); fabric8: Config.onlyHttpWatches");
    }
    MultiMap q = ctx.queryParams();
    ListOptions opts = Query.listOptions(q);
    WatchFilter filter = Lister.filter(type, opts);
    String prefix = Lister.keyPrefix(type, info.namespace());
    if (info.name() != null) {
      // The old /watch/namespaces/ns/pods/name form watches one object.
      String key = ResourceStore.key(type, info.namespace(), info.name());
      WatchFilter byName = filter;
      filter = o -> o.key().equals(key) && byName.matches(o);
    }
    String rvParam = opts.resourceVersion();
    long from = rvParam == null || rvParam.isEmpty() ? 0 : Lister.parseResourceVersion(rvParam);
    boolean bookmarks = Query.flag(q, "allowWatchBookmarks");
    boolean initialEnd = Query.flag(q, "sendInitialEvents");
    if (initialEnd && from != 0 && !"NotOlderThan".equals(opts.resourceVersionMatch())) {
      throw ApiException.badRequest("sendInitialEvents is forbidden unless resourceVersion is"
          + " empty or 0, or resourceVersionMatch is NotOlderThan");
    }
    Long timeout = Query.longParam(q, "timeoutSeconds");
    long timeoutMs = 1000 * (timeout != null && timeout > 0 ? timeout
        : 1800 + ThreadLocalRandom.current().nextLong(1800));

    HttpServerResponse resp = ctx.response();
    resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", Responses.JSON)
        .putHeader("Transfer-Encoding", "chunked");
    WatchCache cache = store.caches().cache(type);
    WatchResponder responder = new WatchResponder(ctx.vertx().getOrCreateContext(), resp);
    // Writing the head first makes a client see 200 at once, before any event.
    CacheWatcher watcher;
    try {
      watcher = cache.watch(prefix, from, filter, responder);
    } catch (ApiException e) {
      resp.setChunked(false).headers().remove("Transfer-Encoding");
      Responses.fail(ctx, e);
      return;
    }
    responder.attach(watcher);
    if (!resp.headWritten()) {
      resp.writeHead();
    }
    if (initialEnd) {
      responder.sendLine(bookmark(type, cache.revision(), true));
    }
    long bookmarkTimer = bookmarks ? ctx.vertx().setPeriodic(BOOKMARK_MS,
        id -> responder.sendLine(bookmark(type, cache.revision(), false))) : -1;
    long timeoutTimer = ctx.vertx().setTimer(timeoutMs, id -> responder.close());
    Runnable cleanup = () -> {
      responder.close();
      ctx.vertx().cancelTimer(timeoutTimer);
      if (bookmarkTimer >= 0) {
        ctx.vertx().cancelTimer(bookmarkTimer);
      }
    };
    resp.closeHandler(v -> cleanup.run());
    resp.endHandler(v -> cleanup.run());
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

package io.kubling.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CacheFeeder;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchCache;
import io.kubling.apiserver.cache.WatchFilter;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.selection.FieldSelector;
import io.kubling.apiserver.selection.Fields;
import io.kubling.apiserver.selection.LabelSelector;
import io.kubling.apiserver.storage.EtcdStorage;
import io.kubling.apiserver.storage.KeyValue;
import io.kubling.apiserver.storage.ListResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * LIST with Kubernetes' rules: served from the watch cache when the resourceVersion allows
 * (0, unset once the cache has caught up with etcd, N once it has seen N); paged reads with
 * limit and continue, and Exact reads, go to etcd at one revision.
 */
public final class Lister {
  private static final long FRESHNESS_WAIT_MS = 3000;

  private final EtcdStorage storage;
  private final CacheFeeder caches;

  public Lister(EtcdStorage storage, CacheFeeder caches) {
    this.storage = storage;
    this.caches = caches;
  }

  /** The selection a list or watch asked for, as one filter; 400 on a bad selector. */
  public static WatchFilter filter(ResourceType type, ListOptions opts) {
    LabelSelector labels;
    FieldSelector fields;
    try {
      labels = LabelSelector.parse(opts.labelSelector());
      fields = FieldSelector.parse(opts.fieldSelector());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
    }
    Set<String> allowed = type.fieldSelectors();
    for (String f : fields.fields()) {
      if (!f.equals("metadata.name") && !f.equals("metadata.namespace") && !allowed.contains(f)) {
        throw ApiException.badRequest("field label not supported: " + f);
      }
    }
    if (labels.isEverything() && fields.isEverything()) {
      return WatchFilter.EVERYTHING;
    }
    return o -> labels.matches(o.labels())
        && (fields.isEverything() || fields.matches(f -> Fields.valueOf(o.object(), f)));
  }

  public static String keyPrefix(ResourceType type, String namespace) {
    return namespace == null || namespace.isEmpty() || !type.namespaced() ? type.keyPrefix()
        : type.keyPrefix() + namespace + "/";
  }

  /** The page asked for; etcd failures become API errors (503 when etcd is unavailable). */
  public CompletableFuture<ListPage> list(ResourceType type, String namespace, ListOptions opts) {
    return read(type, namespace, opts).exceptionallyCompose(t -> CompletableFuture.failedFuture(
        ResourceStore.toApi(ResourceStore.unwrap(t), type, null)));
  }

  private CompletableFuture<ListPage> read(ResourceType type, String namespace,
      ListOptions opts) {
    WatchFilter filter = filter(type, opts);
    String prefix = keyPrefix(type, namespace);
    String rv = opts.resourceVersion();
    boolean exact = "Exact".equals(opts.resourceVersionMatch());
    if (opts.resourceVersionMatch() != null && !exact
        && !"NotOlderThan".equals(opts.resourceVersionMatch())) {
      throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \""
          + opts.resourceVersionMatch() + "\": supported values: \"Exact\", \"NotOlderThan\"");
    }
    if (opts.resourceVersionMatch() != null && (rv == null || rv.isEmpty())) {
      throw ApiException.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    if (opts.continueToken() != null && !opts.continueToken().isEmpty()) {
      if (rv != null && !rv.isEmpty() && !rv.equals("0")) {
        throw ApiException.badRequest("specifying resource version is not allowed when using continue");
      }
      Continue c = Continue.decode(opts.continueToken(), prefix);
      return fromEtcd(prefix, c.startKey(), c.revision(), opts.limit(), filter);
    }
    if (exact) {
      return fromEtcd(prefix, prefix, parseResourceVersion(rv), opts.limit(), filter);
    }
    boolean paged = opts.limit() > 0;
    if ("0".equals(rv)) {
      // Any state is fine: the cache as it is (Kubernetes ignores limit here too).
      return CompletableFuture.completedFuture(fromCache(type, prefix, filter));
    }
    if (rv == null || rv.isEmpty()) {
      if (paged) {
        return fromEtcd(prefix, prefix, 0, opts.limit(), filter);
      }
      return storage.currentRevision().thenCompose(cur -> servedFresh(type, prefix, filter, cur));
    }
    long wanted = parseResourceVersion(rv);
    if (paged) {
      return caches.waitFor(wanted).orTimeout(FRESHNESS_WAIT_MS, TimeUnit.MILLISECONDS)
          .handle((x, t) -> t).thenCompose(t -> {
            if (t != null) {
              throw tooLarge(wanted);
            }
            return fromEtcd(prefix, prefix, 0, opts.limit(), filter);
          });
    }
    return caches.waitFor(wanted).orTimeout(FRESHNESS_WAIT_MS, TimeUnit.MILLISECONDS)
        .handle((x, t) -> {
          if (t != null) {
            throw tooLarge(wanted);
          }
          return fromCache(type, prefix, filter);
        });
  }

  private static ApiException tooLarge(long rv) {
    return ApiException.timeout("Too large resource version: " + rv
        + ", current: unknown");
  }

  /** Waits for the cache to reach etcd's revision; reads etcd if it does not come soon. */
  private CompletableFuture<ListPage> servedFresh(ResourceType type, String prefix,
      WatchFilter filter, long current) {
    return caches.waitFor(current).orTimeout(FRESHNESS_WAIT_MS, TimeUnit.MILLISECONDS)
        .handle((x, t) -> t == null)
        .thenCompose(fresh -> fresh
            ? CompletableFuture.completedFuture(fromCache(type, prefix, filter))
            : fromEtcd(prefix, prefix, 0, 0, filter));
  }

  private ListPage fromCache(ResourceType type, String prefix, WatchFilter filter) {
    WatchCache.Snapshot s = caches.cache(type).snapshot(prefix, filter);
    return new ListPage(s.items(), s.revision(), null, null);
  }

  private CompletableFuture<ListPage> fromEtcd(String prefix, String start, long revision,
      long limit, WatchFilter filter) {
    List<CachedObject> out = new ArrayList<>();
    return readPages(prefix, start, revision, limit, filter, out);
  }

  private CompletableFuture<ListPage> readPages(String prefix, String start, long revision,
      long limit, WatchFilter filter, List<CachedObject> out) {
    int page = limit > 0 ? (int) Math.min(Math.max(limit - out.size(), 1), 10_000) : 0;
    // One more than wanted tells whether another page exists.
    int ask = page > 0 ? page + 1 : 0;
    return storage.list(prefix, start, revision, ask).thenCompose(listed -> {
      // etcd answers with its current revision; a page read at an older one is of that one.
      ListResult r = revision == 0 ? listed
          : new ListResult(listed.items(), revision, listed.more());
      String lastKey = null;
      boolean cut = false;
      int taken = 0;
      for (KeyValue kv : r.items()) {
        if (limit > 0 && out.size() >= limit) {
          cut = true;
          break;
        }
        taken++;
        lastKey = kv.key();
        CachedObject o = CachedObject.decode(kv.key(), kv.value(), kv.modRevision());
        if (filter.matches(o)) {
          out.add(o);
        }
      }
      boolean more = cut || r.more() || (ask > 0 && r.items().size() > taken);
      if (!more || lastKey == null) {
        return CompletableFuture.completedFuture(new ListPage(out, r.revision(), null, null));
      }
      if (limit > 0 && out.size() >= limit) {
        String token = new Continue(r.revision(), lastKey + "\0").encode(prefix);
        return CompletableFuture.completedFuture(new ListPage(out, r.revision(), token, null));
      }
      return readPages(prefix, lastKey + "\0", r.revision(), limit, filter, out);
    });
  }

  public static long parseResourceVersion(String rv) {
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version: " + rv);
    }
  }

  /** A continue token: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key after prefix>"}. */
  record Continue(long revision, String startKey) {
    String encode(String prefix) {
      ObjectNode n = Json.object();
      n.put("v", "meta.k8s.io/v1");
      n.put("rv", revision);
      n.put("start", startKey.substring(prefix.length()));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(n));
    }

    static Continue decode(String token, String prefix) {
      try {
        ObjectNode n = Json.parseObject(Base64.getUrlDecoder().decode(token));
        String start = n.path("start").asText(null);
        long rv = n.path("rv").asLong(0);
        if (!"meta.k8s.io/v1".equals(n.path("v").asText()) || start == null || rv <= 0
            || start.contains("..")) {
          throw new IllegalArgumentException("bad token");
        }
        return new Continue(rv, prefix + start);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("continue key is not valid: "
            + new String(token.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      }
    }
  }
}

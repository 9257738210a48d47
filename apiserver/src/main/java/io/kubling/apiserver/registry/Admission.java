package io.kubling.apiserver.registry;

import io.kubling.apiserver.cache.CacheFeeder;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.storage.EtcdStorage;
import java.util.concurrent.CompletableFuture;

/** NamespaceLifecycle: namespaced objects go only into namespaces that exist and are not terminating. */
final class Admission {
  private final EtcdStorage storage;
  private final CacheFeeder caches;
  private final ResourceType namespaces;

  Admission(EtcdStorage storage, CacheFeeder caches, Registry registry) {
    this.storage = storage;
    this.caches = caches;
    this.namespaces = registry.get("", "namespaces");
  }

  CompletableFuture<Void> namespaceAcceptsCreate(ResourceType type, String namespace) {
    if (!type.namespaced()) {
      return CompletableFuture.completedFuture(null);
    }
    String key = ResourceStore.key(namespaces, null, namespace);
    CachedObject cached = caches.cache(namespaces).get(key);
    if (cached != null) {
      return check(type, namespace, Json.text(cached.object(), "status", "phase"));
    }
    // The cache may lag a namespace created a moment ago: ask etcd before refusing.
    return storage.get(key).thenCompose(kv -> {
      if (kv.isEmpty()) {
        throw ApiException.notFound("namespaces", "", namespace);
      }
      CachedObject o = CachedObject.decode(key, kv.get().value(), kv.get().modRevision());
      return check(type, namespace, Json.text(o.object(), "status", "phase"));
    });
  }

  private static CompletableFuture<Void> check(ResourceType type, String namespace,
      String phase) {
    if ("Terminating".equals(phase)) {
      return CompletableFuture.failedFuture(ApiException.forbidden(type.plural(), type.group(),
          null, "unable to create new content in namespace " + namespace
              + " because it is being terminated"));
    }
    return CompletableFuture.completedFuture(null);
  }
}

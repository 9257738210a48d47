package io.kubling.apiserver.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.allocator.ServiceAllocator;
import io.kubling.apiserver.cache.CacheFeeder;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.serviceaccount.ServiceAccountAdmission;
import io.kubling.apiserver.storage.Claim;
import io.kubling.apiserver.storage.EtcdStorage;
import io.kubling.apiserver.storage.KeyValue;
import io.kubling.apiserver.storage.StorageError;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * The generic store of every resource (Kubernetes' registry/generic/registry.Store): applies
 * the resource's strategy and the generic metadata rules, then writes through guarded etcd
 * transactions, retrying server-side read-modify-writes on conflict.
 */
public final class ResourceStore {
  /** Each conflict means another writer won, so retries end; the bound is a safety net. */
  private static final int MAX_RETRIES = 500;
  /**
   * Tries of a name drawn from generateName before AlreadyExists is the answer, as
   * Kubernetes' generic store (RetryGenerateName): five random characters collide now and
   * then when a controller names thousands of pods from one prefix.
   */
  static final int GENERATED_NAME_TRIES = 8;
  private static final long RBAC_SETTLE_MS = 3000;

  private final EtcdStorage storage;
  private final CacheFeeder caches;
  private final Registry registry;
  private final ServiceAllocator allocator;
  private final Admission admission;
  private final ServiceAccountAdmission serviceAccounts;
  private volatile UnaryOperator<String> nameGenerator = ObjectMetaRules::generateName;

  public ResourceStore(EtcdStorage storage, CacheFeeder caches, Registry registry,
      ServiceAllocator allocator) {
    this(storage, caches, registry, allocator, ServiceAccountAdmission.Options.DEFAULT_NAME_ONLY);
  }

  public ResourceStore(EtcdStorage storage, CacheFeeder caches, Registry registry,
      ServiceAllocator allocator, ServiceAccountAdmission.Options serviceAccountAdmission) {
    this.storage = storage;
    this.caches = caches;
    this.registry = registry;
    this.allocator = allocator;
    this.admission = new Admission(storage, caches, registry);
    this.serviceAccounts = new ServiceAccountAdmission(serviceAccountAdmission,
        this::serviceAccount);
  }

  public Registry registry() {
    return registry;
  }

  public CacheFeeder caches() {
    return caches;
  }

  public EtcdStorage storage() {
    return storage;
  }

  public static String key(ResourceType type, String namespace, String name) {
    return type.namespaced() ? type.keyPrefix() + namespace + "/" + name
        : type.keyPrefix() + name;
  }

  // ---- create

  /** Creates obj (the caller's copy, changed in place) in namespace; returns it as stored. */
  public CompletableFuture<CachedObject> create(ResourceType type, String namespace,
      ObjectNode obj, boolean dryRun) {
    boolean generated = ObjectMetaRules.forCreate(obj, type, namespace, nameGenerator);
    type.strategy().applyDefaults(obj);
    type.strategy().prepareForCreate(obj);
    List<FieldError> errors = new ArrayList<>(Validation.forCreate(type, obj));
    if (!errors.isEmpty()) {
      return CompletableFuture.failedFuture(
          ApiException.invalid(type.kind(), type.group(), Meta.name(obj), errors));
    }
    return admission.namespaceAcceptsCreate(type, namespace)
        .thenCompose(ok -> isPods(type) ? serviceAccounts.admit(obj, namespace)
            : CompletableFuture.completedFuture(null))
        .exceptionallyCompose(t -> CompletableFuture.failedFuture(
            toApi(unwrap(t), type, Meta.name(obj))))
        .thenCompose(ok -> createWithRetries(type, namespace, obj, dryRun, 0,
            generated ? GENERATED_NAME_TRIES - 1 : 0))
        .thenCompose(o -> settled(type, o));
  }

  /**
   * RBAC objects feed the authorizer from the watch cache: their writes answer only once the
   * cache has them, so that `kubectl create rolebinding` takes effect for the very next
   * request. Other writes answer at once; a cache slower than a few seconds does not hold
   * the answer back for ever.
   */
  private <T> CompletableFuture<T> settled(ResourceType type, T result) {
    if (!type.group().equals("rbac.authorization.k8s.io")) {
      return CompletableFuture.completedFuture(result);
    }
    return storage.currentRevision().thenCompose(caches::waitFor)
        .orTimeout(RBAC_SETTLE_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle((x, t) -> result);
  }

  private static boolean isPods(ResourceType type) {
    return type.group().isEmpty() && type.plural().equals("pods");
  }

  /** A ServiceAccount for admission: from the watch cache, else (it may lag) from etcd. */
  private CompletableFuture<Optional<JsonNode>> serviceAccount(String namespace, String name) {
    ResourceType accounts = registry.get("", "serviceaccounts");
    String key = key(accounts, namespace, name);
    CachedObject cached = caches.cache(accounts).get(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(Optional.of(cached.object()));
    }
    return storage.get(key).thenApply(kv -> kv.map(k -> (JsonNode) CachedObject.decode(key,
        k.value(), k.modRevision()).object()));
  }

  /** Where names for generateName come from; tests make them collide on purpose. */
  void generateNamesWith(UnaryOperator<String> generator) {
    this.nameGenerator = requireNonNull(generator, "generator should not be null");
  }

  /**
   * Writes the prepared object: again after a lost race for a service's IP or port, and
   * under a new name while {@code newNames} allows when its generated name is taken.
   */
  private CompletableFuture<CachedObject> createWithRetries(ResourceType type, String namespace,
      ObjectNode prepared, boolean dryRun, int attempt, int newNames) {
    // Allocation fills in the object, and a retry must start again from the prepared one.
    ObjectNode obj = allocates(type) ? prepared.deepCopy() : prepared;
    String name = Meta.name(obj);
    String key = key(type, namespace, name);
    ServiceAllocator.Plan plan = planAllocation(type, obj, null);
    if (plan != null && !plan.errors().isEmpty()) {
      return CompletableFuture.failedFuture(
          ApiException.invalid(type.kind(), type.group(), name, plan.errors()));
    }
    if (dryRun) {
      return CompletableFuture.completedFuture(CachedObject.stamp(key, obj, 0));
    }
    List<Claim> claims = plan == null ? List.of() : plan.claims();
    byte[] value = Json.bytes(obj);
    return storage.create(key, value, claims)
        .thenApply(rev -> written(CachedObject.of(key, obj, value, rev)))
        .exceptionallyCompose(t -> {
          Throwable c = unwrap(t);
          if (c instanceof StorageError.KeyExists ke && !ke.key().equals(key)) {
            if (plan.userRequested().contains(ke.key())) {
              return CompletableFuture.failedFuture(ApiException.invalid(type.kind(),
                  type.group(), name, List.of(alreadyAllocated(ke.key(), obj))));
            }
            if (attempt < MAX_RETRIES) {
              return createWithRetries(type, namespace, prepared, false, attempt + 1, newNames);
            }
          }
          if (c instanceof StorageError.KeyExists ke && ke.key().equals(key) && newNames > 0) {
            ObjectNode meta = Meta.metadata(prepared);
            meta.put("name", nameGenerator.apply(meta.path("generateName").asText()));
            return createWithRetries(type, namespace, prepared, false, attempt, newNames - 1);
          }
          return CompletableFuture.failedFuture(toApi(c, type, name));
        });
  }

  /** Hands a written object to the watch cache, which then need not decode its event. */
  private CachedObject written(CachedObject o) {
    caches.written(o);
    return o;
  }

  private static FieldError alreadyAllocated(String claimKey, ObjectNode obj) {
    if (claimKey.startsWith(ServiceAllocator.IP_PREFIX)) {
      return FieldError.invalid("spec.clusterIPs", List.of(
          claimKey.substring(ServiceAllocator.IP_PREFIX.length())).toString(),
          "failed to allocate IP " + claimKey.substring(ServiceAllocator.IP_PREFIX.length())
              + ": provided IP is already allocated");
    }
    String port = claimKey.substring(ServiceAllocator.PORT_PREFIX.length());
    return FieldError.invalid("spec.ports[*].nodePort", Integer.parseInt(port),
        "provided port is already allocated");
  }

  private static boolean allocates(ResourceType type) {
    return type.group().isEmpty() && type.plural().equals("services");
  }

  private ServiceAllocator.Plan planAllocation(ResourceType type, ObjectNode obj, ObjectNode old) {
    if (!allocates(type)) {
      return null;
    }
    return allocator.plan(obj, old, Meta.namespace(obj) + "/" + Meta.name(obj));
  }

  // ---- get

  /** The object, read per Kubernetes' resourceVersion rules (unset = from etcd). */
  public CompletableFuture<CachedObject> get(ResourceType type, String namespace, String name,
      String resourceVersion) {
    String key = key(type, namespace, name);
    if (resourceVersion == null || resourceVersion.isEmpty()) {
      return storage.get(key)
          .thenApply(kv -> kv.map(k -> CachedObject.decode(key, k.value(), k.modRevision()))
              .orElseThrow(() -> ApiException.notFound(type.plural(), type.group(), name)))
          .exceptionallyCompose(t -> CompletableFuture.failedFuture(toApi(unwrap(t), type, name)));
    }
    long rv = Lister.parseResourceVersion(resourceVersion);
    return caches.waitFor(rv).thenApply(x -> {
      CachedObject o = caches.cache(type).get(key);
      if (o == null) {
        throw ApiException.notFound(type.plural(), type.group(), name);
      }
      return o;
    });
  }

  // ---- update

  /**
   * Which part of an object an update writes. BINDING is pods/binding's own write of
   * spec.nodeName, which no ordinary pod update may make; FINALIZE is namespaces/finalize's
   * write of spec.finalizers, which ordinary namespace updates keep as they were.
   */
  public enum Part { MAIN, STATUS, BINDING, FINALIZE }

  /**
   * Read-modify-write: mutation turns the current object (a private copy) into the desired
   * one. A resourceVersion in the desired object must match the current one (409 if not);
   * without one, conflicts are retried against the latest state.
   */
  public CompletableFuture<CachedObject> update(ResourceType type, String namespace, String name,
      UnaryOperator<ObjectNode> mutation, Part part, boolean dryRun) {
    String key = key(type, namespace, name);
    CachedObject hint = caches.cache(type).get(key);
    CompletableFuture<KeyValue> current = hint != null
        ? CompletableFuture.completedFuture(new KeyValue(key, hint.json(), hint.revision(), 0))
        : storage.get(key).thenApply(kv -> kv.orElse(null));
    return current.thenCompose(kv -> updateLoop(type, key, name, kv, hint != null, mutation,
            part, dryRun, 0))
        .exceptionallyCompose(t -> CompletableFuture.failedFuture(toApi(unwrap(t), type, name)))
        .thenCompose(o -> settled(type, o));
  }

  private CompletableFuture<CachedObject> updateLoop(ResourceType type, String key, String name,
      KeyValue cur, boolean fromCache, UnaryOperator<ObjectNode> mutation, Part part,
      boolean dryRun, int attempt) {
    if (cur == null) {
      throw ApiException.notFound(type.plural(), type.group(), name);
    }
    ObjectNode old = CachedObject.decode(key, cur.value(), cur.modRevision()).object();
    // The mutation sees no resourceVersion: one in its result is the client's precondition.
    ObjectNode base = old.deepCopy();
    Meta.metadata(base).remove("resourceVersion");
    ObjectNode desired = mutation.apply(base);
    String sentRv = Meta.resourceVersion(desired);
    boolean preconditioned = sentRv != null && !sentRv.isEmpty();
    if (preconditioned && !sentRv.equals(Long.toString(cur.modRevision()))) {
      if (fromCache) {
        // The cache may lag the client: judge against etcd's copy before refusing.
        return storage.get(key).thenCompose(kv -> updateLoop(type, key, name, kv.orElse(null),
            false, mutation, part, dryRun, attempt + 1));
      }
      throw ApiException.staleResourceVersion(type.plural(), type.group(), name);
    }
    prepareUpdate(type, desired, old, part);
    List<FieldError> errors = switch (part) {
      case MAIN, FINALIZE -> Validation.forUpdate(type, desired, old);
      case STATUS -> type.strategy().validateStatusUpdate(desired, old);
      case BINDING -> List.of();
    };
    ServiceAllocator.Plan plan = part == Part.MAIN ? planAllocation(type, desired, old) : null;
    if (plan != null) {
      errors = new ArrayList<>(errors);
      errors.addAll(plan.errors());
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(type.kind(), type.group(), name, errors);
    }
    if (ObjectMetaRules.sameObject(desired, old)) {
      if (!dryRun && storage.encrypts(key)) {
        // A no-op update still rewrites a value an older encryption key wrote: that is how
        // `kubectl replace` of every secret moves them all to the current key.
        ObjectNode same = old.deepCopy();
        Meta.metadata(same).remove("resourceVersion");
        byte[] value = Json.bytes(same);
        return storage.storedStale(key, cur.modRevision()).thenCompose(stale -> stale
            ? storage.update(key, cur.modRevision(), value, List.of(), List.of())
                .thenApply(rev -> CachedObject.of(key, same, value, rev))
            : CompletableFuture.completedFuture(CachedObject.stamp(key, old, cur.modRevision())));
      }
      return CompletableFuture.completedFuture(
          CachedObject.stamp(key, old, cur.modRevision()));
    }
    if (dryRun) {
      return CompletableFuture.completedFuture(CachedObject.stamp(key, desired, cur.modRevision()));
    }
    CompletableFuture<CachedObject> write;
    if (Finalization.readyToDelete(desired)) {
      List<String> releases = heldKeys(type, old);
      write = storage.delete(key, cur.modRevision(), releases)
          .thenApply(rev -> CachedObject.stamp(key, desired, rev));
    } else {
      List<Claim> claims = plan == null ? List.of() : plan.claims();
      List<String> releases = plan == null ? List.of() : plan.releases();
      byte[] value = Json.bytes(desired);
      write = storage.update(key, cur.modRevision(), value, claims, releases)
          .thenApply(rev -> written(CachedObject.of(key, desired, value, rev)));
    }
    return write.exceptionallyCompose(t -> {
      Throwable c = unwrap(t);
      if (c instanceof StorageError.Conflict conflict && attempt < MAX_RETRIES
          && (!preconditioned || fromCache)) {
        return updateLoop(type, key, name, conflict.current(), false, mutation, part, false,
            attempt + 1);
      }
      if (c instanceof StorageError.KeyExists ke && plan != null
          && plan.userRequested().contains(ke.key())) {
        return CompletableFuture.failedFuture(ApiException.invalid(type.kind(), type.group(),
            name, List.of(alreadyAllocated(ke.key(), desired))));
      }
      if (c instanceof StorageError.KeyExists && attempt < MAX_RETRIES) {
        return storage.get(key).thenCompose(kv -> updateLoop(type, key, name, kv.orElse(null),
            false, mutation, part, false, attempt + 1));
      }
      if (c instanceof StorageError.Conflict) {
        return CompletableFuture.failedFuture(
            ApiException.staleResourceVersion(type.plural(), type.group(), name));
      }
      return CompletableFuture.failedFuture(c);
    });
  }

  private static void prepareUpdate(ResourceType type, ObjectNode desired, ObjectNode old,
      Part part) {
    if (part == Part.STATUS) {
      type.strategy().prepareForStatusUpdate(desired, old);
      Meta.metadata(desired).remove("resourceVersion");
      return;
    }
    ObjectMetaRules.forUpdate(desired, old, type);
    if (part == Part.BINDING || part == Part.FINALIZE) {
      // The handler changed only its own field; the strategy would copy it back. Kubernetes
      // writes these without the strategy, so no generation bump either.
      JsonNode generation = old.path("metadata").get("generation");
      if (generation != null) {
        Meta.metadata(desired).set("generation", generation);
      }
      return;
    }
    type.strategy().applyDefaults(desired);
    type.strategy().prepareForUpdate(desired, old);
  }

  static List<String> heldKeys(ResourceType type, ObjectNode obj) {
    if (type.group().isEmpty() && type.plural().equals("services")) {
      return new ArrayList<>(ServiceAllocator.heldKeys(obj));
    }
    return List.of();
  }

  // ---- delete

  /** Deletes, or marks for deletion when finalizers or a grace period say so. */
  public CompletableFuture<Deletion.Result> delete(ResourceType type, String namespace,
      String name, DeleteOptions options) {
    return new Deletion(this, type, namespace, name, options).run()
        .thenCompose(r -> settled(type, r));
  }

  // ---- errors

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The one place a storage failure becomes an API error. */
  static RuntimeException toApi(Throwable t, ResourceType type, String name) {
    if (t instanceof ApiException a) {
      return a;
    }
    if (t instanceof StorageError.KeyExists) {
      return ApiException.alreadyExists(type.plural(), type.group(), name);
    }
    if (t instanceof StorageError.Conflict) {
      return ApiException.staleResourceVersion(type.plural(), type.group(), name);
    }
    if (t instanceof StorageError.Compacted) {
      return ApiException.expired("The resourceVersion for the provided list is too old.");
    }
    if (t instanceof StorageError.Unavailable u) {
      return ApiException.serviceUnavailable("etcd is unavailable: " + u.getMessage());
    }
    if (t instanceof StorageError.Untransformable u) {
      return ApiException.internal(u.getMessage());
    }
    return t instanceof RuntimeException r ? r : new CompletionException(t);
  }

  Optional<CachedObject> cached(ResourceType type, String key) {
    return Optional.ofNullable(caches.cache(type).get(key));
  }
}

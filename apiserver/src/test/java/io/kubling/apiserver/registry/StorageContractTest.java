package io.kubling.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etcd.jetcd.Client;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchEvent;
import io.kubling.apiserver.cache.WatchSink;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage contract every resource relies on, run against a real etcd: create, get,
 * update, delete, list, watch; conflicts; compaction; continue tokens; selectors; finalizers.
 */
class StorageContractTest {
  static ApiServerFixture f;
  static ResourceStore store;
  static Lister lister;
  static ResourceType configmaps;
  static ResourceType pods;
  static ResourceType namespaces;

  @BeforeAll
  static void up() {
    // A small window makes "older than the window" reachable in a test.
    f = new ApiServerFixture(o -> o.withWatchCacheWindow(50));
    store = f.server().store();
    lister = new Lister(store.storage(), store.caches());
    configmaps = store.registry().get("", "configmaps");
    pods = store.registry().get("", "pods");
    namespaces = store.registry().get("", "namespaces");
    namespace("contract");
    namespace("other");
  }

  @AfterAll
  static void down() {
    f.close();
  }

  static <T> T get(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ApiException apiError(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected an ApiException");
  }

  static void namespace(String name) {
    ObjectNode ns = Json.object();
    ns.putObject("metadata").put("name", name);
    get(store.create(namespaces, null, ns, false));
  }

  static ObjectNode configMap(String name, String... labels) {
    ObjectNode cm = Json.object();
    ObjectNode meta = cm.putObject("metadata");
    meta.put("name", name);
    ObjectNode l = meta.putObject("labels");
    for (int i = 0; i + 1 < labels.length; i += 2) {
      l.put(labels[i], labels[i + 1]);
    }
    cm.putObject("data").put("k", "v");
    return cm;
  }

  static ObjectNode pod(String name, String node) {
    ObjectNode p = Json.object();
    p.putObject("metadata").put("name", name);
    ObjectNode spec = p.putObject("spec");
    spec.putArray("containers").addObject().put("name", "c").put("image", "nginx");
    if (node != null) {
      spec.put("nodeName", node);
    }
    return p;
  }

  @Test
  void aGeneratedNameThatIsTakenIsDrawnAgainUpToEightTimes() {
    java.util.concurrent.atomic.AtomicInteger draws = new java.util.concurrent.atomic.AtomicInteger();
    java.util.Iterator<String> names = List.of("gen-taken", "gen-taken", "gen-fresh").iterator();
    store.generateNamesWith(prefix -> {
      draws.incrementAndGet();
      return names.next();
    });
    try {
      ObjectNode first = configMap("ignored");
      ((ObjectNode) first.get("metadata")).remove("name");
      ((ObjectNode) first.get("metadata")).put("generateName", "gen-");
      assertThat(Meta.name(get(store.create(configmaps, "contract", first.deepCopy(), false))
          .object())).isEqualTo("gen-taken");
      assertThat(Meta.name(get(store.create(configmaps, "contract", first.deepCopy(), false))
          .object())).isEqualTo("gen-fresh");
      assertThat(draws.get()).isEqualTo(3);

      draws.set(0);
      store.generateNamesWith(prefix -> {
        draws.incrementAndGet();
        return "gen-taken";
      });
      ApiException e = apiError(() -> get(store.create(configmaps, "contract",
          first.deepCopy(), false)));
      assertThat(e.code()).isEqualTo(409);
      assertThat(draws.get()).isEqualTo(ResourceStore.GENERATED_NAME_TRIES);

      // A name the client chose is never replaced: taken is AlreadyExists at once.
      draws.set(0);
      ObjectNode named = first.deepCopy();
      ((ObjectNode) named.get("metadata")).put("name", "gen-fresh");
      assertThat(apiError(() -> get(store.create(configmaps, "contract", named, false))).code())
          .isEqualTo(409);
      assertThat(draws.get()).isZero();
    } finally {
      store.generateNamesWith(ObjectMetaRules::generateName);
    }
  }

  @Test
  void createSetsServerOwnedMetadataAndResourceVersionIsModRevision() {
    CachedObject o = get(store.create(configmaps, "contract", configMap("meta"), false));
    ObjectNode meta = (ObjectNode) o.object().get("metadata");
    assertThat(meta.path("uid").asText()).hasSize(36);
    assertThat(meta.path("creationTimestamp").asText()).endsWith("Z");
    assertThat(meta.path("generation").asLong()).isEqualTo(1);
    assertThat(meta.path("resourceVersion").asText()).isEqualTo(Long.toString(o.revision()));
    assertThat(o.object().path("kind").asText()).isEqualTo("ConfigMap");

    var kv = get(store.storage().get("/registry/configmaps/contract/meta")).orElseThrow();
    assertThat(kv.modRevision()).isEqualTo(o.revision());
    // Stored JSON is readable with etcdctl and carries no resourceVersion of its own.
    assertThat(Json.parseObject(kv.value()).path("metadata").has("resourceVersion")).isFalse();
  }

  @Test
  void duplicateCreateIsAlreadyExists() {
    get(store.create(configmaps, "contract", configMap("dup"), false));
    ApiException e = apiError(() -> get(store.create(configmaps, "contract", configMap("dup"),
        false)));
    assertThat(e.code()).isEqualTo(409);
    assertThat(e.reason()).isEqualTo("AlreadyExists");
    assertThat(e.getMessage()).isEqualTo("configmaps \"dup\" already exists");
  }

  @Test
  void generateNameAddsFiveCharacters() {
    ObjectNode cm = configMap("");
    Meta.metadata(cm).remove("name");
    Meta.metadata(cm).put("generateName", "gen-");
    CachedObject o = get(store.create(configmaps, "contract", cm, false));
    assertThat(o.name()).startsWith("gen-").hasSize(9);
  }

  @Test
  void getReadsEtcdAndMissingIsNotFound() {
    get(store.create(configmaps, "contract", configMap("g"), false));
    assertThat(get(store.get(configmaps, "contract", "g", null)).name()).isEqualTo("g");
    ApiException e = apiError(() -> get(store.get(configmaps, "contract", "nope", null)));
    assertThat(e.code()).isEqualTo(404);
    assertThat(e.getMessage()).isEqualTo("configmaps \"nope\" not found");
  }

  @Test
  void updateWithStaleResourceVersionConflicts() {
    CachedObject v1 = get(store.create(configmaps, "contract", configMap("u"), false));
    CachedObject v2 = get(store.update(configmaps, "contract", "u", cur -> {
      ((ObjectNode) cur.get("data")).put("k", "v2");
      return cur;
    }, ResourceStore.Part.MAIN, false));
    assertThat(v2.revision()).isGreaterThan(v1.revision());
    ObjectNode stale = v1.object().deepCopy();
    ((ObjectNode) stale.get("data")).put("k", "v3");
    ApiException e = apiError(() -> get(store.update(configmaps, "contract", "u",
        cur -> stale.deepCopy(), ResourceStore.Part.MAIN, false)));
    assertThat(e.code()).isEqualTo(409);
    assertThat(e.reason()).isEqualTo("Conflict");
    assertThat(e.getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"u\": the"
        + " object has been modified; please apply your changes to the latest version and try"
        + " again");
  }

  @Test
  void unconditionalUpdatesRetryOnConflictAndAllLand() {
    get(store.create(configmaps, "contract", configMap("counter"), false));
    List<CompletableFuture<CachedObject>> writes = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      writes.add(store.update(configmaps, "contract", "counter", cur -> {
        ObjectNode data = (ObjectNode) cur.get("data");
        data.put("n", Integer.toString(Integer.parseInt(data.path("n").asText("0")) + 1));
        Meta.metadata(cur).remove("resourceVersion");
        return cur;
      }, ResourceStore.Part.MAIN, false));
    }
    writes.forEach(StorageContractTest::get);
    CachedObject end = get(store.get(configmaps, "contract", "counter", null));
    assertThat(end.object().path("data").path("n").asText()).isEqualTo("20");
  }

  @Test
  void noOpUpdateKeepsResourceVersion() {
    CachedObject v1 = get(store.create(configmaps, "contract", configMap("noop"), false));
    CachedObject v2 = get(store.update(configmaps, "contract", "noop", cur -> cur,
        ResourceStore.Part.MAIN, false));
    assertThat(v2.revision()).isEqualTo(v1.revision());
  }

  @Test
  void generationMovesOnSpecChangesOnly() {
    get(store.create(pods, "contract", pod("gen", null), false));
    CachedObject labelled = get(store.update(pods, "contract", "gen", cur -> {
      Meta.metadata(cur).putObject("labels").put("a", "b");
      return cur;
    }, ResourceStore.Part.MAIN, false));
    assertThat(labelled.object().path("metadata").path("generation").asLong()).isEqualTo(1);
    CachedObject imaged = get(store.update(pods, "contract", "gen", cur -> {
      ((ObjectNode) cur.path("spec").path("containers").get(0)).put("image", "nginx:2");
      return cur;
    }, ResourceStore.Part.MAIN, false));
    assertThat(imaged.object().path("metadata").path("generation").asLong()).isEqualTo(2);
  }

  @Test
  void deleteIsGuardedAndGone() {
    get(store.create(configmaps, "contract", configMap("d"), false));
    var bad = new DeleteOptions(null, null, null, "1", false);
    ApiException e = apiError(() -> get(store.delete(configmaps, "contract", "d", bad)));
    assertThat(e.code()).isEqualTo(409);
    var r = get(store.delete(configmaps, "contract", "d", DeleteOptions.defaults()));
    assertThat(r.deleted()).isTrue();
    assertThat(get(store.storage().get("/registry/configmaps/contract/d"))).isEmpty();
    assertThat(apiError(() -> get(store.delete(configmaps, "contract", "d",
        DeleteOptions.defaults()))).code()).isEqualTo(404);
  }

  @Test
  void finalizersKeepAnObjectUntilTheLastIsRemoved() {
    ObjectNode cm = configMap("fin");
    Meta.metadata(cm).putArray("finalizers").add("example.com/a").add("example.com/b");
    get(store.create(configmaps, "contract", cm, false));
    var marked = get(store.delete(configmaps, "contract", "fin", DeleteOptions.defaults()));
    assertThat(marked.deleted()).isFalse();
    assertThat(Meta.deleting(marked.object().object())).isTrue();
    // Marked objects take no new finalizer-free writes but keep existing in etcd.
    get(store.update(configmaps, "contract", "fin", cur -> {
      Meta.metadata(cur).putArray("finalizers").add("example.com/b");
      return cur;
    }, ResourceStore.Part.MAIN, false));
    assertThat(get(store.storage().get("/registry/configmaps/contract/fin"))).isPresent();
    get(store.update(configmaps, "contract", "fin", cur -> {
      Meta.metadata(cur).remove("finalizers");
      return cur;
    }, ResourceStore.Part.MAIN, false));
    assertThat(get(store.storage().get("/registry/configmaps/contract/fin"))).isEmpty();
  }

  @Test
  void orphanPropagationAddsTheOrphanFinalizer() {
    get(store.create(configmaps, "contract", configMap("orph"), false));
    var r = get(store.delete(configmaps, "contract", "orph",
        new DeleteOptions(null, "Orphan", null, null, false)));
    assertThat(r.deleted()).isFalse();
    assertThat(r.object().object().path("metadata").path("finalizers").toString())
        .contains("orphan");
  }

  @Test
  void boundPodsAreDeletedGracefullyUnboundAtOnce() {
    get(store.create(pods, "contract", pod("bound", "node-1"), false));
    get(store.create(pods, "contract", pod("loose", null), false));
    var bound = get(store.delete(pods, "contract", "bound", DeleteOptions.defaults()));
    assertThat(bound.deleted()).isFalse();
    assertThat(bound.object().object().path("metadata").path("deletionGracePeriodSeconds")
        .asLong()).isEqualTo(30);
    var now = get(store.delete(pods, "contract", "bound",
        new DeleteOptions(0L, null, null, null, false)));
    assertThat(now.deleted()).isTrue();
    assertThat(get(store.delete(pods, "contract", "loose", DeleteOptions.defaults())).deleted())
        .isTrue();
  }

  @Test
  void listFiltersByNamespaceLabelsAndFields() {
    get(store.create(configmaps, "contract", configMap("l1", "app", "web", "tier", "fe"), false));
    get(store.create(configmaps, "contract", configMap("l2", "app", "web", "tier", "be"), false));
    get(store.create(configmaps, "contract", configMap("l3", "app", "db"), false));
    get(store.create(configmaps, "other", configMap("l4", "app", "web"), false));
    assertThat(names(new ListOptions("app=web", null, 0, null, null, null), "contract"))
        .containsExactly("l1", "l2");
    assertThat(names(new ListOptions("app=web,tier notin (be)", null, 0, null, "0", null),
        "contract")).containsExactly("l1");
    assertThat(names(new ListOptions("app in (web,db),!tier", null, 0, null, null, null), null))
        .containsExactly("l3", "l4");
    assertThat(names(new ListOptions(null, "metadata.name=l2", 0, null, null, null), null))
        .containsExactly("l2");
    assertThat(names(new ListOptions("app=web", "metadata.namespace!=contract", 0, null, null,
        null), null)).containsExactly("l4");

    get(store.create(pods, "other", pod("on-a", "node-a"), false));
    get(store.create(pods, "other", pod("nowhere", null), false));
    assertThat(podNames("spec.nodeName=node-a")).containsExactly("on-a");
    assertThat(podNames("spec.nodeName=")).containsExactly("nowhere");
    ApiException e = apiError(() -> lister.list(configmaps, null,
        new ListOptions(null, "spec.nodeName=x", 0, null, null, null)));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).contains("field label not supported: spec.nodeName");
  }

  private static List<String> names(ListOptions o, String ns) {
    return get(lister.list(configmaps, ns, o)).items().stream().map(CachedObject::name)
        .filter(n -> n.startsWith("l")).toList();
  }

  private static List<String> podNames(String fieldSelector) {
    return get(lister.list(pods, "other", new ListOptions(null, fieldSelector, 0, null, null,
        null))).items().stream().map(CachedObject::name).toList();
  }

  @Test
  void continueTokensPageAtTheFirstPagesRevision() {
    namespace("paged");
    for (int i = 0; i < 7; i++) {
      get(store.create(configmaps, "paged", configMap("p" + i), false));
    }
    ListPage first = get(lister.list(configmaps, "paged",
        new ListOptions(null, null, 3, null, null, null)));
    assertThat(first.items()).extracting(CachedObject::name).containsExactly("p0", "p1", "p2");
    assertThat(first.continueToken()).isNotNull();
    // Written after the first page: not seen by the following pages.
    get(store.create(configmaps, "paged", configMap("p9"), false));
    get(store.delete(configmaps, "paged", "p4", DeleteOptions.defaults()));
    ListPage second = get(lister.list(configmaps, "paged",
        new ListOptions(null, null, 3, first.continueToken(), null, null)));
    assertThat(second.items()).extracting(CachedObject::name).containsExactly("p3", "p4", "p5");
    assertThat(second.revision()).isEqualTo(first.revision());
    ListPage third = get(lister.list(configmaps, "paged",
        new ListOptions(null, null, 3, second.continueToken(), null, null)));
    assertThat(third.items()).extracting(CachedObject::name).containsExactly("p6");
    assertThat(third.continueToken()).isNull();
    assertThat(apiError(() -> lister.list(configmaps, "paged",
        new ListOptions(null, null, 3, "garbage", null, null))).code()).isEqualTo(400);
  }

  @Test
  void listWithoutResourceVersionSeesEveryAcknowledgedWrite() {
    namespace("fresh");
    for (int i = 0; i < 20; i++) {
      get(store.create(configmaps, "fresh", configMap("f" + i), false));
      ListPage p = get(lister.list(configmaps, "fresh", ListOptions.all()));
      assertThat(p.items()).hasSize(i + 1);
    }
  }

  @Test
  void watchDeliversChangesInOrderAndReplaysFromAResourceVersion() {
    namespace("watched");
    Recorder all = new Recorder();
    store.caches().cache(configmaps).watch(Lister.keyPrefix(configmaps, "watched"), 0,
        Lister.filter(configmaps, ListOptions.all()), all);
    CachedObject c = get(store.create(configmaps, "watched", configMap("w", "app", "a"), false));
    get(store.update(configmaps, "watched", "w", cur -> {
      Meta.metadata(cur).putObject("labels").put("app", "b");
      return cur;
    }, ResourceStore.Part.MAIN, false));
    get(store.delete(configmaps, "watched", "w", DeleteOptions.defaults()));
    await().atMost(Duration.ofSeconds(10)).until(() -> all.types().size() == 3);
    assertThat(all.types()).containsExactly("ADDED", "MODIFIED", "DELETED");

    // From the create's revision: the two later events, replayed from the window.
    Recorder replay = new Recorder();
    store.caches().cache(configmaps).watch(Lister.keyPrefix(configmaps, "watched"),
        c.revision(), Lister.filter(configmaps, ListOptions.all()), replay);
    await().atMost(Duration.ofSeconds(10)).until(() -> replay.types().size() == 2);
    assertThat(replay.types()).containsExactly("MODIFIED", "DELETED");

    // A selector turns leaving the selection into DELETED.
    Recorder selected = new Recorder();
    store.caches().cache(configmaps).watch(Lister.keyPrefix(configmaps, "watched"),
        c.revision() - 1, Lister.filter(configmaps, new ListOptions("app=a", null, 0, null,
            null, null)), selected);
    await().atMost(Duration.ofSeconds(10)).until(() -> selected.types().size() == 2);
    assertThat(selected.types()).containsExactly("ADDED", "DELETED");
  }

  @Test
  void compactionMakesOldRevisionsExpire() throws Exception {
    namespace("compacted");
    CachedObject first = get(store.create(configmaps, "compacted", configMap("c0"), false));
    for (int i = 1; i < 5; i++) {
      get(store.create(configmaps, "compacted", configMap("c" + i), false));
    }
    ListPage page = get(lister.list(configmaps, "compacted",
        new ListOptions(null, null, 2, null, null, null)));
    // More than the watch window's 50 events, so first's revision falls out of it.
    for (int i = 0; i < 60; i++) {
      get(store.update(configmaps, "compacted", "c1", cur -> {
        ((ObjectNode) cur.get("data")).put("k", Long.toString(System.nanoTime()));
        return cur;
      }, ResourceStore.Part.MAIN, false));
    }
    long current = get(store.storage().currentRevision());
    try (Client c = Client.builder().endpoints(f.etcd.clientEndpoints().toArray(String[]::new))
        .build()) {
      c.getKVClient().compact(current).get(10, TimeUnit.SECONDS);
    }
    ApiException token = apiError(() -> get(lister.list(configmaps, "compacted",
        new ListOptions(null, null, 2, page.continueToken(), null, null))));
    assertThat(token.code()).isEqualTo(410);
    assertThat(token.reason()).isEqualTo("Expired");
    ApiException exact = apiError(() -> get(lister.list(configmaps, "compacted",
        new ListOptions(null, null, 0, null, Long.toString(first.revision()), "Exact"))));
    assertThat(exact.code()).isEqualTo(410);
    ApiException watch = apiError(() -> store.caches().cache(configmaps).watch(
        Lister.keyPrefix(configmaps, "compacted"), first.revision(),
        Lister.filter(configmaps, ListOptions.all()), new Recorder()));
    assertThat(watch.code()).isEqualTo(410);
    assertThat(watch.reason()).isEqualTo("Expired");
    // Current state is still served after compaction.
    assertThat(get(lister.list(configmaps, "compacted", ListOptions.all())).items()).hasSize(5);
  }

  @Test
  void dryRunWritesNothing() {
    CachedObject o = get(store.create(configmaps, "contract", configMap("dry"), true));
    assertThat(o.name()).isEqualTo("dry");
    assertThat(get(store.storage().get("/registry/configmaps/contract/dry"))).isEmpty();
  }

  @Test
  void createInMissingNamespaceIsNotFound() {
    ApiException e = apiError(() -> get(store.create(configmaps, "missing", configMap("x"),
        false)));
    assertThat(e.code()).isEqualTo(404);
    assertThat(e.getMessage()).isEqualTo("namespaces \"missing\" not found");
  }

  @Test
  void terminatingNamespaceRefusesCreates() {
    namespace("ending");
    var r = get(store.delete(namespaces, null, "ending", DeleteOptions.defaults()));
    assertThat(r.deleted()).isFalse();
    assertThat(r.object().object().path("status").path("phase").asText())
        .isEqualTo("Terminating");
    // Admission judges by the watch cache, as Kubernetes' NamespaceLifecycle judges by its informer.
    await().atMost(Duration.ofSeconds(10)).until(() -> "Terminating".equals(store.caches()
        .cache(namespaces).get("/registry/namespaces/ending").object().path("status")
        .path("phase").asText()));
    ApiException e = apiError(() -> get(store.create(configmaps, "ending", configMap("x"),
        false)));
    assertThat(e.code()).isEqualTo(403);
    assertThat(e.getMessage()).contains("because it is being terminated");
  }

  /** Records the event types a watch delivers. */
  static final class Recorder implements WatchSink {
    final List<String> types = new CopyOnWriteArrayList<>();

    @Override
    public boolean send(WatchEvent.Type type, CachedObject object, byte[] line) {
      types.add(type.name());
      return true;
    }

    @Override
    public void expire(String message) {
      types.add("EXPIRED");
    }

    List<String> types() {
      return types;
    }
  }
}

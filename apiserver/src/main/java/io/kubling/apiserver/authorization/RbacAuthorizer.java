package io.kubling.apiserver.authorization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.cache.CacheFeeder;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchCache;
import io.kubling.apiserver.cache.WatchEvent;
import io.kubling.apiserver.cache.WatchFilter;
import io.kubling.apiserver.cache.WatchSink;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * --authorization-mode=RBAC: allows what a Role or ClusterRole bound to the user (or one of
 * its groups) grants; otherwise has no opinion.
 *
 * <p>Reads the four RBAC resources from the API server's own watch caches. A watch on each
 * marks the {@link RbacIndex} stale and empties the decision cache on any change, so a new
 * RoleBinding counts from the next request; the cache's TTL is only a backstop.
 */
public final class RbacAuthorizer implements Authorizer, RuleResolver {
  private static final String GROUP = "rbac.authorization.k8s.io";

  private final CacheFeeder caches;
  private final List<WatchCache> rbacCaches;
  private final WatchCache roles;
  private final WatchCache clusterRoles;
  private final WatchCache roleBindings;
  private final WatchCache clusterRoleBindings;
  /** Bumped on every RBAC change; decisions and the index are of one generation. */
  private final AtomicLong generation = new AtomicLong(1);
  private final AtomicBoolean watching = new AtomicBoolean();
  private final Cache<Key, Decision> decisions = Caffeine.newBuilder()
      .maximumSize(20_000)
      .expireAfterWrite(Duration.ofSeconds(30))
      .build();
  private volatile RbacIndex index = RbacIndex.EMPTY;
  private volatile long indexGeneration;

  private record Key(long generation, Attributes attributes) {}

  public RbacAuthorizer(CacheFeeder caches, Registry registry) {
    this.caches = caches;
    this.roles = cache(registry, "roles");
    this.clusterRoles = cache(registry, "clusterroles");
    this.roleBindings = cache(registry, "rolebindings");
    this.clusterRoleBindings = cache(registry, "clusterrolebindings");
    this.rbacCaches = List.of(roles, clusterRoles, roleBindings, clusterRoleBindings);
  }

  private WatchCache cache(Registry registry, String plural) {
    ResourceType type = registry.get(GROUP, plural);
    return caches.cache(type);
  }

  @Override
  public Decision authorize(Attributes a) {
    long gen = current();
    Key key = new Key(gen, a);
    Decision d = decisions.getIfPresent(key);
    if (d == null) {
      d = decide(index(gen), a);
      decisions.put(key, d);
    }
    return d;
  }

  static Decision decide(RbacIndex index, Attributes a) {
    RbacIndex.Grant g = index.allowing(a);
    return g == null ? Decision.NO_OPINION : Decision.allow(g.describe());
  }

  @Override
  public List<PolicyRule> rulesFor(UserInfo user, String namespace, boolean[] incomplete) {
    return index(current()).rulesFor(user, namespace);
  }

  /** The rules of a Role (in namespace) or ClusterRole (aggregated); empty when it is missing. */
  List<PolicyRule> roleRules(String kind, String namespace, String name) {
    return index(current()).roleRules(kind, namespace, name);
  }

  /** Starts the watches on first use (the caches are synced by then) and returns the generation. */
  private long current() {
    if (watching.compareAndSet(false, true)) {
      for (WatchCache c : rbacCaches) {
        c.watch(c.type().keyPrefix(), 0, WatchFilter.EVERYTHING, new Invalidator());
      }
      changed();
    }
    return generation.get();
  }

  private RbacIndex index(long gen) {
    if (indexGeneration == gen) {
      return index;
    }
    synchronized (this) {
      long now = generation.get();
      if (indexGeneration != now) {
        // Read the generation before the objects: a change during the read bumps it again.
        index = RbacIndex.build(objects(roles), objects(clusterRoles), objects(roleBindings),
            objects(clusterRoleBindings));
        indexGeneration = now;
      }
      return index;
    }
  }

  private static List<ObjectNode> objects(WatchCache c) {
    return c.list(c.type().keyPrefix(), WatchFilter.EVERYTHING).stream()
        .map(CachedObject::object).toList();
  }

  private void changed() {
    generation.incrementAndGet();
    decisions.invalidateAll();
  }

  /** A watch that only notes that something changed; it never falls behind. */
  private final class Invalidator implements WatchSink {
    @Override
    public boolean send(WatchEvent.Type type, CachedObject object, byte[] line) {
      changed();
      return true;
    }

    @Override
    public void expire(String message) {
      // The caches were relisted after a compaction: the watches are gone, start them again
      // on the next request.
      watching.set(false);
      changed();
    }
  }
}

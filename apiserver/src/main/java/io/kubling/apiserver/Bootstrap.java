package io.kubling.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.authorization.BootstrapPolicy;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What exists in every cluster from the start: the system namespaces and the
 * {@code kubernetes} service on the first address of the service range, and with RBAC the
 * default cluster roles and bindings. Safe to run by
 * several API servers at once: AlreadyExists is success.
 */
final class Bootstrap {
  static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public",
      "kube-node-lease");

  private Bootstrap() {}

  static CompletableFuture<Void> run(ResourceStore store, String firstServiceIp, int port,
      boolean rbac) {
    CompletableFuture<Void> base = objects(store, firstServiceIp, port);
    return rbac ? base.thenCompose(x -> rbacDefaults(store)) : base;
  }

  /**
   * The default ClusterRoles and ClusterRoleBindings (only with RBAC, as Kubernetes' RBAC
   * post-start hook): created when missing; one found with autoupdate=true gets the rules or
   * subjects of this version it lacks, and an administrator's additions stay.
   */
  static CompletableFuture<Void> rbacDefaults(ResourceStore store) {
    Registry registry = store.registry();
    ResourceType roles = registry.get("rbac.authorization.k8s.io", "clusterroles");
    ResourceType bindings = registry.get("rbac.authorization.k8s.io", "clusterrolebindings");
    List<CompletableFuture<Void>> all = new java.util.ArrayList<>();
    for (ObjectNode r : BootstrapPolicy.clusterRoles()) {
      all.add(ensure(store, roles, r));
    }
    for (ObjectNode b : BootstrapPolicy.clusterRoleBindings()) {
      all.add(ensure(store, bindings, b));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  private static CompletableFuture<Void> ensure(ResourceStore store, ResourceType type,
      ObjectNode wanted) {
    String name = io.kubling.apiserver.json.Meta.name(wanted);
    var cached = store.caches().cache(type).get(ResourceStore.key(type, null, name));
    if (cached == null) {
      return ignoreExists(store.create(type, null, wanted.deepCopy(), false));
    }
    if (BootstrapPolicy.reconciled(cached.object(), wanted) == null) {
      return CompletableFuture.completedFuture(null);
    }
    return ignoreExists(store.update(type, null, name, current -> {
      ObjectNode next = BootstrapPolicy.reconciled(current, wanted);
      return next == null ? current : next;
    }, ResourceStore.Part.MAIN, false));
  }

  private static CompletableFuture<Void> objects(ResourceStore store, String firstServiceIp,
      int port) {
    Registry registry = store.registry();
    ResourceType namespaces = registry.get("", "namespaces");
    CompletableFuture<?>[] creates = NAMESPACES.stream().map(ns -> {
      ObjectNode o = Json.object();
      o.putObject("metadata").put("name", ns);
      return ignoreExists(store.create(namespaces, null, o, false));
    }).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(creates).thenCompose(x -> {
      ObjectNode svc = Json.object();
      ObjectNode meta = svc.putObject("metadata");
      meta.put("name", "kubernetes");
      meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
      ObjectNode spec = svc.putObject("spec");
      spec.put("type", "ClusterIP");
      spec.put("clusterIP", firstServiceIp);
      spec.putArray("ports").addObject().put("name", "https").put("port", 443)
          .put("protocol", "TCP").put("targetPort", port);
      return ignoreExists(store.create(registry.get("", "services"), "default", svc, false));
    });
  }

  private static CompletableFuture<Void> ignoreExists(CompletableFuture<?> f) {
    return f.handle((o, t) -> {
      if (t == null) {
        return null;
      }
      Throwable c = t.getCause() != null ? t.getCause() : t;
      if (c instanceof ApiException a && (a.code() == 409 || a.code() == 422)) {
        return null; // another API server (or an earlier start) made it
      }
      throw t instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(t);
    });
  }
}

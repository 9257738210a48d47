package io.kubling.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.component.controller.ControllerBuilder;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Informers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the garbage collector over the kinds the manager caches. An event enqueues the object;
 * an object gone or being deleted also enqueues its dependents, and a dependent's event
 * enqueues its owners that are being deleted (so foreground and orphan deletion finish).
 */
public final class GarbageCollectorController {
  private GarbageCollectorController() {}

  public static Controller create(ControllerContext ctx) {
    Informers inf = ctx.informers();
    Map<String, SharedIndexInformer<? extends HasMetadata>> byKind = new LinkedHashMap<>();
    byKind.put("Pod", inf.pods());
    byKind.put("ReplicaSet", inf.replicaSets());
    byKind.put("Deployment", inf.deployments());
    byKind.put("DaemonSet", inf.daemonSets());
    byKind.put("Service", inf.services());
    byKind.put("EndpointSlice", inf.endpointSlices());
    Fabric8GarbageCollectorApi api = new Fabric8GarbageCollectorApi(ctx.client(), byKind);
    ControllerBuilder b = Controller.builder("garbagecollector", new GarbageCollectorReconciler(api))
        .workers(ctx.options().workers("garbagecollector"));
    byKind.forEach((kind, informer) -> watch(b, kind, informer, byKind));
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> void watch(ControllerBuilder b, String kind,
      SharedIndexInformer<T> informer,
      Map<String, SharedIndexInformer<? extends HasMetadata>> byKind) {
    b.watch(informer, o -> keys(kind, o, informer, byKind));
  }

  static <T extends HasMetadata> List<String> keys(String kind, T o, SharedIndexInformer<T> informer,
      Map<String, SharedIndexInformer<? extends HasMetadata>> byKind) {
    List<String> keys = new ArrayList<>();
    String ns = o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
    keys.add(kind + "/" + ns + "/" + o.getMetadata().getName());
    boolean gone = informer.getIndexer().byIndex(Informers.BY_UID, o.getMetadata().getUid()).isEmpty();
    if (gone || o.getMetadata().getDeletionTimestamp() != null) {
      byKind.forEach((k, i) -> i.getIndexer().byIndex(Informers.BY_OWNER, o.getMetadata().getUid())
          .forEach(d -> keys.add(k + "/" + nsOf(d) + "/" + d.getMetadata().getName())));
    }
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    if (refs != null) {
      for (OwnerReference r : refs) {
        SharedIndexInformer<? extends HasMetadata> oi = byKind.get(r.getKind());
        if (oi == null) {
          continue;
        }
        for (HasMetadata owner : oi.getIndexer().byIndex(Informers.BY_UID, r.getUid())) {
          if (owner.getMetadata().getDeletionTimestamp() != null) {
            keys.add(r.getKind() + "/" + nsOf(owner) + "/" + owner.getMetadata().getName());
          }
        }
      }
    }
    return keys;
  }

  private static String nsOf(HasMetadata o) {
    return o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
  }
}

package io.kubling.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.controllers.Informers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link GarbageCollectorApi} over the shared informers (by kind) and fabric8's generic client. */
public final class Fabric8GarbageCollectorApi implements GarbageCollectorApi {
  private final KubernetesClient client;
  private final Map<String, SharedIndexInformer<? extends HasMetadata>> byKind;

  public Fabric8GarbageCollectorApi(KubernetesClient client,
      Map<String, SharedIndexInformer<? extends HasMetadata>> byKind) {
    this.client = client;
    this.byKind = byKind;
  }

  /** Kind/namespace/name. */
  public static String key(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return o.getKind() + "/" + (ns == null ? "" : ns) + "/" + o.getMetadata().getName();
  }

  @Override
  public Optional<HasMetadata> get(String key) {
    String[] k = key.split("/", 3);
    SharedIndexInformer<? extends HasMetadata> informer = byKind.get(k[0]);
    if (informer == null) {
      return Optional.empty();
    }
    String storeKey = k[1].isEmpty() ? k[2] : k[1] + "/" + k[2];
    return Optional.ofNullable(informer.getStore().getByKey(storeKey));
  }

  @Override
  public List<HasMetadata> dependents(String ownerUid) {
    List<HasMetadata> out = new ArrayList<>();
    byKind.values().forEach(i -> out.addAll(i.getIndexer().byIndex(Informers.BY_OWNER, ownerUid)));
    return out;
  }

  @Override
  public GarbageCollection.OwnerState owner(String namespace, OwnerReference ref) {
    SharedIndexInformer<? extends HasMetadata> informer = byKind.get(ref.getKind());
    if (informer != null) {
      List<? extends HasMetadata> hits = informer.getIndexer().byIndex(Informers.BY_UID, ref.getUid());
      if (!hits.isEmpty()) {
        return state(hits.get(0));
      }
    }
    // Not in the cache: it may be newer than the cache, so ask the API server, as Kubernetes does.
    GenericKubernetesResource live;
    try {
      live = resource(ref.getApiVersion(), ref.getKind(), namespace, ref.getName()).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return GarbageCollection.OwnerState.ABSENT;
      }
      throw e;
    }
    if (live == null || !ref.getUid().equals(live.getMetadata().getUid())) {
      return GarbageCollection.OwnerState.ABSENT;
    }
    return state(live);
  }

  private static GarbageCollection.OwnerState state(HasMetadata owner) {
    List<String> f = owner.getMetadata().getFinalizers();
    if (owner.getMetadata().getDeletionTimestamp() != null && f != null
        && f.contains(GarbageCollection.FOREGROUND)) {
      return GarbageCollection.OwnerState.DELETING_FOREGROUND;
    }
    return GarbageCollection.OwnerState.PRESENT;
  }

  @Override
  public void delete(HasMetadata obj, String propagationPolicy) {
    try {
      resource(obj.getApiVersion(), obj.getKind(), obj.getMetadata().getNamespace(),
          obj.getMetadata().getName())
          .withPropagationPolicy(DeletionPropagation.valueOf(propagationPolicy.toUpperCase()))
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  @Override
  public void removeOwnerReference(HasMetadata dependent, String ownerUid) {
    edit(dependent, g -> {
      List<OwnerReference> refs = g.getMetadata().getOwnerReferences();
      if (refs != null) {
        List<OwnerReference> kept = refs.stream().filter(r -> !r.getUid().equals(ownerUid)).toList();
        g.getMetadata().setOwnerReferences(kept.isEmpty() ? null : new ArrayList<>(kept));
      }
      return g;
    });
  }

  @Override
  public void removeFinalizer(HasMetadata obj, String finalizer) {
    edit(obj, g -> {
      List<String> f = g.getMetadata().getFinalizers();
      if (f != null) {
        List<String> kept = new ArrayList<>(f);
        kept.remove(finalizer);
        g.getMetadata().setFinalizers(kept);
      }
      return g;
    });
  }

  private void edit(HasMetadata obj, java.util.function.UnaryOperator<GenericKubernetesResource> f) {
    try {
      resource(obj.getApiVersion(), obj.getKind(), obj.getMetadata().getNamespace(),
          obj.getMetadata().getName()).edit(f);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private Resource<GenericKubernetesResource> resource(String apiVersion, String kind,
      String namespace, String name) {
    var op = client.genericKubernetesResources(apiVersion, kind);
    NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> scoped =
        namespace == null || namespace.isEmpty() ? op : op.inNamespace(namespace);
    return scoped.withName(name);
  }
}

package io.kubling.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Optional;

/** What the garbage collector reads (the shared caches, a live check) and writes. */
public interface GarbageCollectorApi {

  /** The object under a GC key (Kind/namespace/name), from the cache. */
  Optional<HasMetadata> get(String key);

  /** Objects whose ownerReferences name this UID, from the caches. */
  List<HasMetadata> dependents(String ownerUid);

  /** The owner as it stands: from the cache, or a live GET (by name, UID compared) if absent. */
  GarbageCollection.OwnerState owner(String namespace, OwnerReference ref);

  void delete(HasMetadata obj, String propagationPolicy);

  void removeOwnerReference(HasMetadata dependent, String ownerUid);

  void removeFinalizer(HasMetadata obj, String finalizer);
}

package io.kubling.controllers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Optional;

/** What the namespace controller reads and writes: its cache, discovery, and generic deletes. */
public interface NamespaceApi {

  /** A namespaced resource type that can be listed and deleted. */
  record ResourceType(String group, String version, String plural, String kind) {}

  /** One object found in a terminating namespace. */
  record Item(ResourceType type, String name, boolean terminating) {}

  Optional<Namespace> namespace(String name);

  List<ResourceType> namespacedTypes();

  /** Live list (not a cache), since the namespace may be removed only once it is truly empty. */
  List<Item> list(ResourceType type, String namespace);

  void delete(ResourceType type, String namespace, String name);

  /** PUT namespaces/{name}/finalize with these spec.finalizers. */
  void finalizeNamespace(Namespace namespace, List<String> finalizers);
}

package io.kubling.apiserver.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a served resource by its place in the API. */
public final class Registry {
  private final List<ResourceType> types;
  private final Map<String, ResourceType> byPath = new LinkedHashMap<>();

  public Registry(List<ResourceType> types) {
    this.types = List.copyOf(types);
    for (ResourceType t : types) {
      byPath.put(t.group() + "/" + t.version() + "/" + t.plural(), t);
    }
  }

  public static Registry builtin() {
    return new Registry(BuiltinResources.all());
  }

  public List<ResourceType> types() {
    return types;
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    return Optional.ofNullable(byPath.get(group + "/" + version + "/" + plural));
  }

  /** The type served at group (core = "") and plural, any version. */
  public ResourceType get(String group, String plural) {
    for (ResourceType t : types) {
      if (t.group().equals(group) && t.plural().equals(plural)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no resource " + plural + " in group '" + group + "'");
  }

  public boolean servesGroupVersion(String group, String version) {
    return types.stream().anyMatch(t -> t.group().equals(group) && t.version().equals(version));
  }
}

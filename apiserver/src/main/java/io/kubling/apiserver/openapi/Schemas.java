package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The OpenAPI v3 schemas of the Kubernetes kinds, derived from the protobuf descriptors of
 * k8s.io/api: a kind's component (e.g. {@code io.k8s.api.core.v1.Pod}) and everything it
 * references. Built once; the schemas handed out are copies.
 */
public final class Schemas {
  private static final SortedMap<String, ObjectNode> ALL = Components.build();

  private Schemas() {}

  /** The component name of a kind, e.g. {@code io.k8s.api.apps.v1.Deployment}. */
  public static Optional<String> component(String group, String version, String kind) {
    return ProtoFiles.find(group, version, kind).map(Components::name);
  }

  public static Optional<ObjectNode> schema(String component) {
    return Optional.ofNullable(ALL.get(component)).map(ObjectNode::deepCopy);
  }

  /** The given components and all they reference, transitively, sorted by name. */
  public static SortedMap<String, ObjectNode> closure(Collection<String> roots) {
    SortedMap<String, ObjectNode> out = new TreeMap<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (out.containsKey(name)) {
        continue;
      }
      ObjectNode s = ALL.get(name);
      if (s == null) {
        throw new IllegalArgumentException("no schema " + name);
      }
      out.put(name, s.deepCopy());
      refs(s, todo);
    }
    return out;
  }

  /** The shared schema, for read-only walks in this package. */
  static ObjectNode resolve(String ref) {
    return ALL.get(ref.startsWith(Components.REF_PREFIX)
        ? ref.substring(Components.REF_PREFIX.length()) : ref);
  }

  private static void refs(JsonNode n, Deque<String> out) {
    if (n.isObject()) {
      JsonNode ref = n.get("$ref");
      if (ref != null && ref.isTextual()) {
        out.push(ref.asText().substring(Components.REF_PREFIX.length()));
      }
    }
    n.forEach(child -> refs(child, out));
  }
}

package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.CreateOnlyResources;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents, legacy (/api, /apis, /api/v1, /apis/g/v) and aggregated
 * (apidiscovery.k8s.io/v2), both from one description of what is served.
 */
final class Discovery {
  private static final List<String> VERBS = List.of("create", "delete", "deletecollection",
      "get", "list", "patch", "update", "watch");

  /** A served subresource: its kind may live in another group, e.g. pods/eviction. */
  record Subresource(String name, String group, String version, String kind,
      List<String> verbs) {}

  private final Registry registry;
  private final List<CreateOnlyResource> createOnly;

  Discovery(Registry registry) {
    this(registry, List.of());
  }

  /** createOnly: resources served by their own handlers, not stored (TokenReview, ...). */
  Discovery(Registry registry, List<CreateOnlyResource> createOnly) {
    this.registry = registry;
    this.createOnly = List.copyOf(createOnly);
  }

  private List<CreateOnlyResource> createOnly(String group, String version) {
    return createOnly.stream()
        .filter(c -> c.group().equals(group) && c.version().equals(version)).toList();
  }

  /**
   * The aggregated discovery version an Accept header asks for: v2 if offered, else v2beta1
   * (all kubectl 1.27 and 1.28 know), else null for legacy discovery. Both have one schema.
   */
  static String aggregatedVersion(String accept) {
    String found = null;
    for (String clause : accept == null ? new String[0] : accept.split(",")) {
      List<String> params = List.of(clause.replace(" ", "").split(";"));
      if (params.contains("g=apidiscovery.k8s.io")
          && params.contains("as=APIGroupDiscoveryList")) {
        if (params.contains("v=v2")) {
          return "v2";
        }
        if (params.contains("v=v2beta1")) {
          found = "v2beta1";
        }
      }
    }
    return found;
  }

  /** The Content-Type of aggregated discovery of a version, which clients match on. */
  static String aggregatedContentType(String version) {
    return "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList";
  }

  static List<Subresource> subresources(ResourceType t) {
    List<Subresource> out = new ArrayList<>();
    for (String sub : t.subresources().stream().sorted().toList()) {
      switch (sub) {
        case "status" -> out.add(new Subresource(sub, t.group(), t.version(), t.kind(),
            List.of("get", "patch", "update")));
        case "binding" -> out.add(new Subresource(sub, "", "v1", "Binding", List.of("create")));
        case "scale" -> out.add(new Subresource(sub, "autoscaling", "v1", "Scale",
            List.of("get", "patch", "update")));
        case "eviction" -> out.add(new Subresource(sub, "policy", "v1", "Eviction",
            List.of("create")));
        case "token" -> out.add(new Subresource(sub, "authentication.k8s.io", "v1",
            "TokenRequest", List.of("create")));
        case "finalize" -> out.add(new Subresource(sub, t.group(), t.version(), t.kind(),
            List.of("update")));
        default -> { } // advertised once served
      }
    }
    return out;
  }

  ObjectNode apiVersions(String serverAddress) {
    ObjectNode n = Json.object();
    n.put("kind", "APIVersions");
    n.putArray("versions").add("v1");
    n.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return n;
  }

  private Map<String, String> groupVersions() {
    Map<String, String> groups = new LinkedHashMap<>();
    for (ResourceType t : registry.types()) {
      if (!t.group().isEmpty()) {
        groups.putIfAbsent(t.group(), t.version());
      }
    }
    createOnly.forEach(c -> groups.putIfAbsent(c.group(), c.version()));
    for (CreateOnlyResources.Resource r : CreateOnlyResources.ALL) {
      groups.putIfAbsent(r.group(), r.version());
    }
    return groups;
  }

  ObjectNode groups() {
    ObjectNode n = Json.object();
    n.put("kind", "APIGroupList");
    n.put("apiVersion", "v1");
    ArrayNode list = n.putArray("groups");
    groupVersions().forEach((g, v) -> {
      ObjectNode group = list.addObject();
      group.put("name", g);
      ObjectNode gv = Json.object().put("groupVersion", g + "/" + v).put("version", v);
      group.putArray("versions").add(gv);
      group.set("preferredVersion", gv.deepCopy());
    });
    return n;
  }

  /** The APIResourceList of a group version, or null when it is not served. */
  ObjectNode resources(String group, String version) {
    if (!registry.servesGroupVersion(group, version)
        && createOnly(group, version).isEmpty()
        && CreateOnlyResources.of(group, version).isEmpty()) {
      return null;
    }
    ObjectNode n = Json.object();
    n.put("kind", "APIResourceList");
    n.put("apiVersion", "v1");
    n.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode list = n.putArray("resources");
    if (group.isEmpty()) {
      // bindings only takes creates: the older way to bind a pod (pods/binding is the other).
      list.addObject().put("name", "bindings").put("singularName", "binding")
          .put("namespaced", true).put("kind", "Binding").putArray("verbs").add("create");
    }
    for (ResourceType t : types(group, version)) {
      ObjectNode r = list.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      VERBS.forEach(r.putArray("verbs")::add);
      if (!t.shortNames().isEmpty()) {
        t.shortNames().forEach(r.putArray("shortNames")::add);
      }
      if (!t.categories().isEmpty()) {
        t.categories().forEach(r.putArray("categories")::add);
      }
      for (Subresource sub : subresources(t)) {
        ObjectNode s = list.addObject();
        s.put("name", t.plural() + "/" + sub.name());
        s.put("singularName", "");
        s.put("namespaced", t.namespaced());
        if (!sub.group().equals(t.group()) || !sub.version().equals(t.version())) {
          s.put("group", sub.group());
          s.put("version", sub.version());
        }
        s.put("kind", sub.kind());
        sub.verbs().forEach(s.putArray("verbs")::add);
      }
    }
    for (CreateOnlyResource c : createOnly(group, version)) {
      list.addObject().put("name", c.plural()).put("singularName", c.singular())
          .put("namespaced", false).put("kind", c.kind()).putArray("verbs").add("create");
    }
    for (CreateOnlyResources.Resource c : CreateOnlyResources.of(group, version)) {
      list.addObject().put("name", c.plural()).put("singularName", c.singular())
          .put("namespaced", c.namespaced()).put("kind", c.kind())
          .putArray("verbs").add("create");
    }
    return n;
  }

  /** Aggregated discovery of the core group (/api) or of all named groups (/apis). */
  ObjectNode aggregated(boolean core, String discoveryVersion) {
    ObjectNode n = Json.object();
    n.put("kind", "APIGroupDiscoveryList");
    n.put("apiVersion", "apidiscovery.k8s.io/" + discoveryVersion);
    n.putObject("metadata");
    ArrayNode items = n.putArray("items");
    Map<String, String> groups = new LinkedHashMap<>();
    if (core) {
      groups.put("", "v1");
    } else {
      groups.putAll(groupVersions());
    }
    groups.forEach((g, v) -> {
      ObjectNode item = items.addObject();
      ObjectNode meta = item.putObject("metadata");
      if (!g.isEmpty()) {
        meta.put("name", g);
      }
      ObjectNode version = item.putArray("versions").addObject();
      version.put("version", v);
      version.put("freshness", "Current");
      ArrayNode resources = version.putArray("resources");
      for (ResourceType t : types(g, v)) {
        ObjectNode r = resources.addObject();
        r.put("resource", t.plural());
        r.set("responseKind", gvk(t.group(), t.version(), t.kind()));
        r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", t.singular());
        VERBS.forEach(r.putArray("verbs")::add);
        if (!t.shortNames().isEmpty()) {
          t.shortNames().forEach(r.putArray("shortNames")::add);
        }
        if (!t.categories().isEmpty()) {
          t.categories().forEach(r.putArray("categories")::add);
        }
        List<Subresource> subs = subresources(t);
        if (!subs.isEmpty()) {
          ArrayNode sa = r.putArray("subresources");
          for (Subresource s : subs) {
            ObjectNode so = sa.addObject();
            so.put("subresource", s.name());
            so.set("responseKind", gvk(s.group(), s.version(), s.kind()));
            s.verbs().forEach(so.putArray("verbs")::add);
          }
        }
      }
      for (CreateOnlyResource c : createOnly(g, v)) {
        ObjectNode r = resources.addObject();
        r.put("resource", c.plural());
        r.set("responseKind", gvk(c.group(), c.version(), c.kind()));
        r.put("scope", "Cluster");
        r.put("singularResource", c.singular());
        r.putArray("verbs").add("create");
      }
      for (CreateOnlyResources.Resource c : CreateOnlyResources.of(g, v)) {
        ObjectNode r = resources.addObject();
        r.put("resource", c.plural());
        r.set("responseKind", gvk(c.group(), c.version(), c.kind()));
        r.put("scope", c.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", c.singular());
        r.putArray("verbs").add("create");
      }
    });
    return n;
  }

  private List<ResourceType> types(String group, String version) {
    return registry.types().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
  }

  private static ObjectNode gvk(String group, String version, String kind) {
    return Json.object().put("group", group).put("version", version).put("kind", kind);
  }
}

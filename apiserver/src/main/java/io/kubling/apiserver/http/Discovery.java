package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Legacy discovery documents: /api, /apis, /api/v1 and /apis/<group>/<version>. */
final class Discovery {
  private static final List<String> VERBS = List.of("create", "delete", "deletecollection",
      "get", "list", "patch", "update", "watch");

  private final Registry registry;

  Discovery(Registry registry) {
    this.registry = registry;
  }

  ObjectNode apiVersions(String serverAddress) {
    ObjectNode n = Json.object();
    n.put("kind", "APIVersions");
    n.putArray("versions").add("v1");
    n.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return n;
  }

  ObjectNode groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    for (ResourceType t : registry.types()) {
      if (!t.group().isEmpty()) {
        groups.putIfAbsent(t.group(), t.version());
      }
    }
    ObjectNode n = Json.object();
    n.put("kind", "APIGroupList");
    n.put("apiVersion", "v1");
    ArrayNode list = n.putArray("groups");
    groups.forEach((g, v) -> {
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
    if (!registry.servesGroupVersion(group, version)) {
      return null;
    }
    ObjectNode n = Json.object();
    n.put("kind", "APIResourceList");
    n.put("apiVersion", "v1");
    n.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode list = n.putArray("resources");
    for (ResourceType t : registry.types()) {
      if (!t.group().equals(group) || !t.version().equals(version)) {
        continue;
      }
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
      for (String sub : t.subresources().stream().sorted().toList()) {
        if (!sub.equals("status") && !sub.equals("binding")) {
          continue; // the others are advertised once they are served
        }
        ObjectNode s = list.addObject();
        s.put("name", t.plural() + "/" + sub);
        s.put("singularName", "");
        s.put("namespaced", t.namespaced());
        s.put("kind", sub.equals("binding") ? "Binding" : t.kind());
        ArrayNode verbs = s.putArray("verbs");
        if (sub.equals("binding")) {
          verbs.add("create");
        } else {
          verbs.add("get").add("patch").add("update");
        }
      }
    }
    return n;
  }
}

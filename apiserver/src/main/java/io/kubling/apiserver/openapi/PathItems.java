package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.CreateOnlyResources;
import io.kubling.apiserver.registry.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * The OpenAPI path items of one resource: its collection, its objects, their status, scale
 * and finalize subresources, and the list across namespaces, with the operations and
 * vendor extensions kubectl looks for ({@code x-kubernetes-group-version-kind} on each
 * operation, a {@code fieldValidation} parameter on the writes).
 */
final class PathItems {
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final List<String> BODY_TYPES = List.of("application/json",
      "application/yaml", "application/vnd.kubernetes.protobuf");
  private static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml",
      "application/json-patch+json", "application/merge-patch+json",
      "application/strategic-merge-patch+json");
  private static final GroupVersionKind SCALE =
      new GroupVersionKind("autoscaling", "v1", "Scale");

  private final ResourceType t;
  private final String gv; // e.g. CoreV1
  private final String scope; // Namespaced or empty
  private final String id; // e.g. CoreV1NamespacedPod
  private final String tag; // e.g. core_v1
  private final Set<String> roots;

  private PathItems(ResourceType t, Set<String> roots) {
    this.t = t;
    String group = camel(t.group().isEmpty() ? "core" : t.group().replace(".k8s.io", ""));
    String version = Character.toUpperCase(t.version().charAt(0)) + t.version().substring(1);
    this.gv = group + version;
    this.scope = t.namespaced() ? "Namespaced" : "";
    this.id = gv + scope + t.kind();
    this.tag = Character.toLowerCase(group.charAt(0)) + group.substring(1) + "_" + t.version();
    this.roots = roots;
  }

  /** Adds the resource's paths; the components they reference are added to roots. */
  static void add(ResourceType t, ObjectNode paths, Set<String> roots) {
    new PathItems(t, roots).addAll(paths);
  }

  /**
   * Adds the one path of a create-only resource (a review): its collection with only POST,
   * as Kubernetes publishes selfsubjectaccessreviews.
   */
  static void addCreateOnly(CreateOnlyResources.Resource r, ObjectNode paths,
      Set<String> roots) {
    ResourceType t = new ResourceType(r.group(), r.version(), r.kind(), r.plural(),
        r.singular(), r.namespaced(), List.of(), List.of(), Set.of(), Set.of(), null);
    new PathItems(t, roots).addPost(paths);
  }

  private void addPost(ObjectNode paths) {
    GroupVersionKind gvk = new GroupVersionKind(t.group(), t.version(), t.kind());
    String kind = component(gvk);
    String collection = "/apis/" + t.group() + "/" + t.version()
        + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
    pathItem(paths, collection, false).set("post", op("post", "create" + id,
        "create a " + t.kind(), gvk, Parameters.WRITE, body(kind, BODY_TYPES),
        response(kind, "200", "201", "202")));
  }

  private void addAll(ObjectNode paths) {
    GroupVersionKind gvk = new GroupVersionKind(t.group(), t.version(), t.kind());
    String kind = component(gvk);
    String list = component(new GroupVersionKind(t.group(), t.version(), t.listKind()));
    String prefix = t.group().isEmpty() ? "/api/" + t.version()
        : "/apis/" + t.group() + "/" + t.version();
    String collection = prefix + (t.namespaced() ? "/namespaces/{namespace}/" : "/")
        + t.plural();
    String item = collection + "/{name}";

    ObjectNode c = pathItem(paths, collection, false);
    c.set("get", op("list", "list" + id, "list or watch objects of kind " + t.kind(), gvk,
        Parameters.LIST, null, response(list, "200")));
    c.set("post", op("post", "create" + id, "create a " + t.kind(), gvk, Parameters.WRITE,
        body(kind, BODY_TYPES), response(kind, "200", "201", "202")));
    c.set("delete", op("deletecollection", "delete" + gv + "Collection" + scope + t.kind(),
        "delete collection of " + t.kind(), gvk, Parameters.DELETE_COLLECTION,
        deleteOptions(),
        response(component(META + "Status"), "200")));

    ObjectNode o = pathItem(paths, item, true);
    o.set("get", op("get", "read" + id, "read the specified " + t.kind(), gvk, List.of(),
        null, response(kind, "200")));
    o.set("put", op("put", "replace" + id, "replace the specified " + t.kind(), gvk,
        Parameters.WRITE, body(kind, BODY_TYPES), response(kind, "200", "201")));
    o.set("patch", op("patch", "patch" + id, "partially update the specified " + t.kind(),
        gvk, Parameters.PATCH, body(component(META + "Patch"), PATCH_TYPES),
        response(kind, "200", "201")));
    o.set("delete", op("delete", "delete" + id, "delete a " + t.kind(), gvk,
        Parameters.DELETE, deleteOptions(),
        response(kind, "200", "202")));

    if (t.subresources().contains("status")) {
      subresource(paths, item + "/status", "Status", "status", gvk, kind);
    }
    if (t.subresources().contains("scale")) {
      subresource(paths, item + "/scale", "Scale", "scale", SCALE, component(SCALE));
    }
    if (t.subresources().contains("finalize")) {
      pathItem(paths, item + "/finalize", true).set("put", op("put",
          "replace" + id + "Finalize", "replace finalize of the specified " + t.kind(), gvk,
          Parameters.WRITE, body(kind, BODY_TYPES), response(kind, "200", "201")));
    }
    if (t.namespaced()) {
      pathItem(paths, prefix + "/" + t.plural(), false).set("get", op("list",
          "list" + gv + t.kind() + "ForAllNamespaces",
          "list or watch objects of kind " + t.kind(), gvk, Parameters.LIST, null,
          response(list, "200")));
    }
  }

  private void subresource(ObjectNode paths, String path, String suffix, String what,
      GroupVersionKind gvk, String schema) {
    ObjectNode p = pathItem(paths, path, true);
    p.set("get", op("get", "read" + id + suffix, "read " + what + " of the specified "
        + t.kind(), gvk, List.of(), null, response(schema, "200")));
    p.set("put", op("put", "replace" + id + suffix, "replace " + what + " of the specified "
        + t.kind(), gvk, Parameters.WRITE, body(schema, BODY_TYPES),
        response(schema, "200", "201")));
    p.set("patch", op("patch", "patch" + id + suffix, "partially update " + what
            + " of the specified " + t.kind(), gvk, Parameters.PATCH,
        body(component(META + "Patch"), PATCH_TYPES), response(schema, "200", "201")));
  }

  private ObjectNode pathItem(ObjectNode paths, String path, boolean named) {
    ObjectNode p = paths.putObject(path);
    ArrayNode params = p.putArray("parameters");
    if (named) {
      params.add(Parameters.path("name", "name of the " + t.kind()));
    }
    if (t.namespaced() && path.contains("{namespace}")) {
      params.add(Parameters.path("namespace",
          "object name and auth scope, such as for teams and projects"));
    }
    params.add(Parameters.query("pretty"));
    return p;
  }

  private ObjectNode op(String action, String operationId, String description,
      GroupVersionKind gvk, List<String> params, ObjectNode body, ObjectNode responses) {
    ObjectNode op = Json.object();
    op.put("description", description);
    op.put("operationId", operationId);
    if (!params.isEmpty()) {
      ArrayNode ps = op.putArray("parameters");
      params.forEach(name -> ps.add(Parameters.query(name)));
    }
    if (body != null) {
      op.set("requestBody", body);
    }
    op.set("responses", responses);
    op.putArray("tags").add(tag);
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind").put("group", gvk.group())
        .put("kind", gvk.kind()).put("version", gvk.version());
    return op;
  }

  private ObjectNode deleteOptions() {
    ObjectNode b = body(component(META + "DeleteOptions"), List.of("application/json"));
    b.remove("required");
    return b;
  }

  private static ObjectNode body(String schema, List<String> mediaTypes) {
    ObjectNode b = Json.object();
    ObjectNode content = b.putObject("content");
    mediaTypes.forEach(m -> content.putObject(m).set("schema", ref(schema)));
    b.put("required", true);
    return b;
  }

  private static ObjectNode response(String schema, String... codes) {
    ObjectNode r = Json.object();
    for (String code : codes) {
      ObjectNode c = r.putObject(code);
      c.putObject("content").putObject("application/json").set("schema", ref(schema));
      c.put("description", switch (code) {
        case "201" -> "Created";
        case "202" -> "Accepted";
        default -> "OK";
      });
    }
    r.putObject("401").put("description", "Unauthorized");
    return r;
  }

  private String component(GroupVersionKind gvk) {
    return component(Schemas.component(gvk.group(), gvk.version(), gvk.kind())
        .orElseThrow(() -> new IllegalArgumentException("no schema for " + gvk)));
  }

  private String component(String name) {
    roots.add(name);
    return name;
  }

  private static ObjectNode ref(String component) {
    return Json.object().put("$ref", Components.REF_PREFIX + component);
  }

  /** rbac.authorization → RbacAuthorization. */
  private static String camel(String group) {
    StringBuilder b = new StringBuilder();
    for (String part : group.split("\\.")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }
}

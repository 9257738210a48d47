package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.Version;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.CreateOnlyResources;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents kubectl fetches: the index at {@code /openapi/v3} and one
 * document per served group/version ({@code api/v1}, {@code apis/apps/v1}). Rendered once,
 * with sorted keys, so each document's hash is stable.
 */
public final class OpenApiV3 {
  /** A rendered document: its path in the index, JSON bytes and their hash. */
  public record Document(String path, byte[] json, String hash) {
    public String serverRelativeUrl() {
      return "/openapi/v3/" + path + "?hash=" + hash;
    }
  }

  private final Map<String, Document> documents = new TreeMap<>();
  private final byte[] index;

  public OpenApiV3(Registry registry) {
    Map<String, List<ResourceType>> byGroupVersion = new LinkedHashMap<>();
    for (ResourceType t : registry.types()) {
      String path = t.group().isEmpty() ? "api/" + t.version()
          : "apis/" + t.group() + "/" + t.version();
      byGroupVersion.computeIfAbsent(path, k -> new ArrayList<>()).add(t);
    }
    for (CreateOnlyResources.Resource r : CreateOnlyResources.ALL) {
      byGroupVersion.computeIfAbsent("apis/" + r.group() + "/" + r.version(),
          k -> new ArrayList<>());
    }
    ObjectNode paths = Json.object();
    byGroupVersion.forEach((path, types) -> {
      String[] gv = path.startsWith("apis/") ? path.substring(5).split("/")
          : new String[] {"", path.substring(4)};
      byte[] json = Json.bytes(document(types, CreateOnlyResources.of(gv[0], gv[1])));
      Document d = new Document(path, json, hash(json));
      documents.put(path, d);
    });
    documents.values().forEach(d -> paths.putObject(d.path())
        .put("serverRelativeURL", d.serverRelativeUrl()));
    ObjectNode root = Json.object();
    root.set("paths", paths);
    this.index = Json.bytes(root);
  }

  /** {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"},…}}}. */
  public byte[] index() {
    return index.clone();
  }

  /** The document at a path of the index, e.g. {@code apis/apps/v1}. */
  public Optional<Document> document(String path) {
    return Optional.ofNullable(documents.get(path));
  }

  public List<Document> documents() {
    return List.copyOf(documents.values());
  }

  /** The OpenAPI 3.0 document of the resources of one group/version, keys sorted. */
  static ObjectNode document(List<ResourceType> types) {
    return document(types, List.of());
  }

  /** The document of a group/version's stored resources and its create-only ones. */
  static ObjectNode document(List<ResourceType> types,
      List<CreateOnlyResources.Resource> createOnly) {
    ObjectNode paths = Json.object();
    Set<String> roots = new HashSet<>();
    for (ResourceType t : types) {
      PathItems.add(t, paths, roots);
    }
    for (CreateOnlyResources.Resource r : createOnly) {
      PathItems.addCreateOnly(r, paths, roots);
    }
    ObjectNode doc = Json.object();
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    Schemas.closure(roots).forEach(schemas::set);
    doc.putObject("info").put("title", "Kubernetes").put("version", Version.GIT_VERSION);
    doc.put("openapi", "3.0.0");
    doc.set("paths", paths);
    return sorted(doc);
  }

  /** Hex SHA-512 of the bytes, upper case, as kube-openapi computes its ETags. */
  static String hash(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy with every object's keys in order; arrays keep theirs. */
  private static <T extends JsonNode> T sorted(T n) {
    if (n instanceof ObjectNode o) {
      ObjectNode out = Json.object();
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      names.stream().sorted().forEach(k -> out.set(k, sorted(o.get(k))));
      @SuppressWarnings("unchecked") T t = (T) out;
      return t;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = Json.NODES.arrayNode();
      a.forEach(v -> out.add(sorted(v)));
      @SuppressWarnings("unchecked") T t = (T) out;
      return t;
    }
    return n;
  }
}

package io.kubling.apiserver.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch, applied
 * as the API server applies it): maps merge, null deletes, lists merge or are replaced by
 * their {@link PatchMeta}, and the {@code $patch}, {@code $retainKeys},
 * {@code $setElementOrder/} and {@code $deleteFromPrimitiveList/} directives are honoured
 * and never kept. Bad patches are IllegalArgumentExceptions naming the path.
 */
public final class StrategicMergePatch {
  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder/";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

  private final Map<String, PatchMeta> table;
  private final ListMerge lists = new ListMerge(this);

  private StrategicMergePatch(Map<String, PatchMeta> table) {
    this.table = table;
  }

  /** The result of applying patch to original, an object of kind; original is not changed. */
  public static ObjectNode apply(ObjectNode original, JsonNode patch, String kind) {
    requireNonNull(original, "original should not be null");
    requireNonNull(patch, "patch should not be null");
    if (!(patch instanceof ObjectNode p)) {
      throw new IllegalArgumentException("a strategic merge patch must be a JSON object, got "
          + patch.getNodeType().toString().toLowerCase());
    }
    ObjectNode result = new StrategicMergePatch(BuiltinPatchMeta.forKind(kind))
        .mergeObject(original.deepCopy(), p, "");
    if (result == null) {
      throw bad("", "$patch: delete cannot delete the whole object; send DELETE instead");
    }
    return result;
  }

  PatchMeta meta(String path) {
    return table.getOrDefault(path, PatchMeta.NONE);
  }

  /**
   * Merges patch into original, which this may change; original is null when absent.
   * Returns null when the patch deletes the map.
   */
  ObjectNode mergeObject(ObjectNode original, ObjectNode patch, String path) {
    JsonNode directive = patch.get(PATCH);
    if (directive != null) {
      switch (directive.isTextual() ? directive.asText() : "") {
        case "replace": {
          ObjectNode literal = patch.deepCopy();
          literal.remove(PATCH);
          return mergeObject(null, literal, path);
        }
        case "delete":
          return null;
        case "merge":
          break;
        default:
          throw bad(path, "unknown $patch directive " + directive);
      }
    }
    checkDirectiveKeys(patch, path);
    ObjectNode result = original == null ? Json.object() : original;
    retainKeys(result, patch, path);
    Set<String> ordered = setElementOrders(result, patch, path);
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.startsWith("$") || ordered.contains(k)) {
        continue;
      }
      JsonNode value = e.getValue();
      if (value.isNull()) {
        result.remove(k);
        continue;
      }
      String at = child(path, k);
      JsonNode existing = result.get(k);
      JsonNode merged;
      if (value instanceof ObjectNode o && existing instanceof ObjectNode x
          && !meta(at).replacesMap()) {
        merged = mergeObject(x, o, at);
      } else if (value instanceof ArrayNode a && existing instanceof ArrayNode x) {
        merged = lists.merge(x, a, at, meta(at));
      } else {
        merged = fresh(value, at);
      }
      if (merged == null) {
        result.remove(k);
      } else {
        result.set(k, merged);
      }
    }
    deleteFromPrimitiveLists(result, patch, path);
    return result;
  }

  /**
   * A patch value for a field the original lacks, or holds with another type: directives
   * applied, nulls dropped. Null when the value is a map that deletes itself.
   */
  JsonNode fresh(JsonNode value, String path) {
    if (value instanceof ObjectNode o) {
      return mergeObject(null, o, path);
    }
    if (value instanceof ArrayNode a) {
      return lists.fresh(a, path);
    }
    return value.deepCopy();
  }

  private static void checkDirectiveKeys(ObjectNode patch, String path) {
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      boolean known = !k.startsWith("$") || k.equals(PATCH) || k.equals(RETAIN_KEYS)
          || suffix(k, SET_ELEMENT_ORDER) != null || suffix(k, DELETE_FROM_PRIMITIVE_LIST) != null;
      if (!known) {
        throw bad(path, "unknown strategic merge patch directive \"" + k + "\"");
      }
    }
  }

  /** $retainKeys: unlisted fields of the original are cleared; the patch sets listed ones only. */
  private static void retainKeys(ObjectNode result, ObjectNode patch, String path) {
    JsonNode list = patch.get(RETAIN_KEYS);
    if (list == null) {
      return;
    }
    Set<String> keep = new HashSet<>();
    list.forEach(k -> keep.add(k.isTextual() ? k.asText() : null));
    if (!list.isArray() || keep.contains(null)) {
      throw bad(path, "$retainKeys must be a list of field names, got " + list);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().startsWith("$") && !e.getValue().isNull() && !keep.contains(e.getKey())) {
        throw bad(path, "the patch sets \"" + e.getKey() + "\", which $retainKeys " + list
            + " does not list");
      }
    }
    result.retain(keep);
  }

  /** Merges and orders the lists named by $setElementOrder/ directives; returns their names. */
  private Set<String> setElementOrders(ObjectNode result, ObjectNode patch, String path) {
    Set<String> done = new HashSet<>();
    List<String> names = new ArrayList<>();
    patch.fieldNames().forEachRemaining(names::add);
    for (String k : names) {
      String field = suffix(k, SET_ELEMENT_ORDER);
      if (field == null) {
        continue;
      }
      String at = child(path, field);
      ArrayNode merged = lists.ordered(result.get(field), patch.get(field), patch.get(k), at,
          meta(at));
      if (merged != null) {
        result.set(field, merged);
      }
      done.add(field);
    }
    return done;
  }

  private void deleteFromPrimitiveLists(ObjectNode result, ObjectNode patch, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = suffix(e.getKey(), DELETE_FROM_PRIMITIVE_LIST);
      if (field == null) {
        continue;
      }
      String at = child(path, field);
      if (!e.getValue().isArray()) {
        throw bad(at, e.getKey() + " must be a list, got " + e.getValue());
      }
      // Like Kubernetes, deleting from a list the original lacks changes nothing.
      if (result.get(field) instanceof ArrayNode list) {
        result.set(field, lists.deleteFrom(list, (ArrayNode) e.getValue(), at));
      }
    }
  }

  /** The field a prefixed directive key names, or null when key does not have the prefix. */
  private static String suffix(String key, String prefix) {
    return key.startsWith(prefix) && key.length() > prefix.length()
        ? key.substring(prefix.length()) : null;
  }

  private static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static IllegalArgumentException bad(String path, String message) {
    return new IllegalArgumentException(
        (path.isEmpty() ? "" : path + ": ") + message);
  }
}

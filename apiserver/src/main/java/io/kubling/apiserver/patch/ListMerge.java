package io.kubling.apiserver.patch;

import static io.kubling.apiserver.patch.StrategicMergePatch.PATCH;
import static io.kubling.apiserver.patch.StrategicMergePatch.bad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;

/** The list half of a strategic merge patch: merge by key, set union, replace, list directives. */
final class ListMerge {
  private final StrategicMergePatch maps;

  ListMerge(StrategicMergePatch maps) {
    this.maps = maps;
  }

  /**
   * Patches original by the field's strategy. Items of original belong to the object being
   * built and may be changed; items of patch are not.
   */
  ArrayNode merge(ArrayNode original, ArrayNode patch, String path, PatchMeta meta) {
    if (!meta.mergesList()) {
      return fresh(patch, path);
    }
    if (original.isEmpty() && patch.isEmpty()) {
      return original.deepCopy();
    }
    if (elementType(path, original, patch) != JsonNodeType.OBJECT) {
      return union(original, patch);
    }
    String key = meta.mergeKey();
    if (key == null) {
      throw bad(path, "cannot merge a list of objects without a merge key");
    }
    List<JsonNode> working = copy(original);
    List<JsonNode> items = new ArrayList<>();
    boolean replace = false;
    for (JsonNode p : patch) {
      JsonNode directive = p.get(PATCH);
      if (directive == null) {
        items.add(p);
        continue;
      }
      switch (directive.isTextual() ? directive.asText() : "") {
        case "delete" -> {
          JsonNode id = mergeKey(p, key, path);
          working.removeIf(w -> ElementOrder.same(w.get(key), id));
        }
        case "replace" -> replace = true;
        case "merge" -> throw bad(path, "$patch: merge cannot be given for a list; merging is"
            + " the list's strategy already");
        default -> throw bad(path, "unknown $patch directive " + directive);
      }
    }
    if (replace) {
      // {"$patch":"replace"} among the items: the other items are the whole new list.
      return fresh(array(items), path);
    }
    for (JsonNode w : working) {
      mergeKey(w, key, path);
    }
    List<JsonNode> server = List.copyOf(working);
    for (JsonNode p : items) {
      mergeKey(p, key, path);
      int at = ElementOrder.index(working, p, key);
      if (at >= 0) {
        working.set(at, maps.mergeObject((ObjectNode) working.get(at), (ObjectNode) p, path));
      } else {
        working.add(maps.fresh(p, path));
      }
    }
    return array(ElementOrder.normalize(working, items, server, key));
  }

  /** A list taken from the patch as it is: directive items dropped, items cleaned. */
  ArrayNode fresh(ArrayNode patch, String path) {
    ArrayNode out = Json.NODES.arrayNode();
    for (JsonNode p : patch) {
      JsonNode directive = p.get(PATCH);
      if (directive != null) {
        if (!directive.isTextual() || !List.of("replace", "delete", "merge")
            .contains(directive.asText())) {
          throw bad(path, "unknown $patch directive " + directive);
        }
        continue;
      }
      JsonNode item = maps.fresh(p, path);
      if (item != null) {
        out.add(item);
      }
    }
    return out;
  }

  /** $deleteFromPrimitiveList/: original without every item equal to one of values. */
  ArrayNode deleteFrom(ArrayNode original, ArrayNode values, String path) {
    if (!original.isEmpty() || !values.isEmpty()) {
      if (elementType(path, original, values) == JsonNodeType.OBJECT) {
        throw bad(path, "$deleteFromPrimitiveList applies to lists of primitives only");
      }
    }
    List<JsonNode> doomed = copy(values);
    ArrayNode out = Json.NODES.arrayNode();
    for (JsonNode item : original) {
      if (ElementOrder.index(doomed, item, null) < 0) {
        out.add(item.deepCopy());
      }
    }
    return out;
  }

  /**
   * The list under a $setElementOrder/ directive: merged as usual, then ordered by order,
   * with the items order does not name kept near their original places. Null when neither
   * the original nor the patch has the list.
   */
  ArrayNode ordered(JsonNode original, JsonNode patch, JsonNode order, String path,
      PatchMeta meta) {
    if (!(order instanceof ArrayNode orderList)) {
      throw bad(path, "$setElementOrder must be a list, got " + order);
    }
    if (original != null && !original.isArray() || patch != null && !patch.isArray()) {
      throw bad(path, "$setElementOrder applies to a list, got " + (patch != null && !patch
          .isArray() ? patch : original));
    }
    boolean objects = orderList.size() > 0 && orderList.get(0).isObject()
        || original != null && original.size() > 0 && original.get(0).isObject()
        || patch != null && patch.size() > 0 && patch.get(0).isObject();
    String key = objects ? meta.mergeKey() : null;
    if (objects && key == null) {
      throw bad(path, "$setElementOrder needs a list with a merge key");
    }
    for (JsonNode o : orderList) {
      if (objects) {
        mergeKey(o, key, path);
      } else if (o.isContainerNode()) {
        throw bad(path, "$setElementOrder of a list of primitives must list primitives");
      }
    }
    if (patch != null) {
      checkSubsequence((ArrayNode) patch, orderList, key, path);
    }
    ArrayNode merged;
    if (original != null && patch != null) {
      merged = merge((ArrayNode) original, (ArrayNode) patch, path, meta);
    } else if (patch != null) {
      merged = fresh((ArrayNode) patch, path);
    } else if (original != null) {
      merged = original.deepCopy();
    } else {
      return null;
    }
    List<JsonNode> items = copy(merged);
    if (key != null) {
      for (JsonNode item : items) {
        mergeKey(item, key, path);
      }
    }
    List<JsonNode> server = original == null ? List.of() : copy((ArrayNode) original);
    return array(ElementOrder.normalize(items, copy(orderList), server, key));
  }

  /** The patch's items must come in the order $setElementOrder gives, and all be in it. */
  private static void checkSubsequence(ArrayNode patch, ArrayNode order, String key,
      String path) {
    int j = 0;
    for (JsonNode p : patch) {
      if (p.has(PATCH)) {
        continue;
      }
      JsonNode id = key == null ? p : mergeKey(p, key, path);
      while (j < order.size() && !ElementOrder.same(ElementOrder.identity(order.get(j), key), id)) {
        j++;
      }
      if (j == order.size()) {
        throw bad(path, "the order in the patch list " + patch
            + " doesn't match the $setElementOrder list " + order);
      }
      j++;
    }
  }

  /** Set union of two lists of primitives, without duplicates. */
  private static ArrayNode union(ArrayNode original, ArrayNode patch) {
    List<JsonNode> merged = new ArrayList<>();
    for (ArrayNode list : List.of(original, patch)) {
      for (JsonNode item : list) {
        if (ElementOrder.index(merged, item, null) < 0) {
          merged.add(item.deepCopy());
        }
      }
    }
    return array(ElementOrder.normalize(merged, copy(patch), copy(original), null));
  }

  /** The one type of the items of lists: Kubernetes refuses mixed lists and lists of lists. */
  private static JsonNodeType elementType(String path, ArrayNode... lists) {
    JsonNodeType type = null;
    for (ArrayNode list : lists) {
      for (JsonNode item : list) {
        if (item.isArray()) {
          throw bad(path, "lists of lists are not supported");
        }
        if (type != null && type != item.getNodeType()) {
          throw bad(path, "list element types are not identical: " + type + " and "
              + item.getNodeType());
        }
        type = item.getNodeType();
      }
    }
    return type;
  }

  private static JsonNode mergeKey(JsonNode item, String key, String path) {
    JsonNode id = item.isObject() ? item.get(key) : null;
    if (id == null) {
      throw bad(path, "list item " + item + " does not contain declared merge key: " + key);
    }
    return id;
  }

  private static List<JsonNode> copy(ArrayNode list) {
    List<JsonNode> out = new ArrayList<>(list.size());
    list.forEach(out::add);
    return out;
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode out = Json.NODES.arrayNode(items.size());
    items.forEach(out::add);
    return out;
  }
}

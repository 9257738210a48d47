package io.kubling.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a merged list, as Kubernetes' strategicpatch package sets it: the items the
 * patch (or a {@code $setElementOrder} list) names come in its order, and the items only the
 * server has are put back among them by their place in the original list. A new item that
 * leads the patch therefore lands first: adding container b to [a] gives [b, a].
 */
final class ElementOrder {
  private ElementOrder() {}

  /** What identifies an item: its merge-key value, or the item itself for primitives. */
  static JsonNode identity(JsonNode item, String mergeKey) {
    return mergeKey == null ? item : item.get(mergeKey);
  }

  /** Equality of JSON values where 80 and 80.0 are the same number. */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** The position of the first item of list with item's identity, or -1. */
  static int index(List<JsonNode> list, JsonNode item, String mergeKey) {
    JsonNode id = identity(item, mergeKey);
    for (int i = 0; i < list.size(); i++) {
      if (same(identity(list.get(i), mergeKey), id)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Orders merged: the items present in order sorted by it, the others by original, then the
   * two interleaved so that a server-only item precedes a patch item only when it did so in
   * the original list.
   */
  static List<JsonNode> normalize(List<JsonNode> merged, List<JsonNode> order,
      List<JsonNode> original, String mergeKey) {
    List<JsonNode> named = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode item : merged) {
      (index(order, item, mergeKey) >= 0 ? named : serverOnly).add(item);
    }
    sortBy(named, order, mergeKey);
    sortBy(serverOnly, original, mergeKey);
    List<JsonNode> result = new ArrayList<>(merged.size());
    int i = 0;
    int j = 0;
    while (i < serverOnly.size() || j < named.size()) {
      boolean serverFirst;
      if (j >= named.size()) {
        serverFirst = true;
      } else if (i >= serverOnly.size()) {
        serverFirst = false;
      } else {
        int left = index(original, serverOnly.get(i), mergeKey);
        int right = index(original, named.get(j), mergeKey);
        serverFirst = left >= 0 && right >= 0 && left < right;
      }
      result.add(serverFirst ? serverOnly.get(i++) : named.get(j++));
    }
    return result;
  }

  private static void sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
    // List.sort is stable: items order does not name keep their relative places.
    items.sort(Comparator.comparingInt(item -> {
      int at = index(order, item, mergeKey);
      return at < 0 ? Integer.MAX_VALUE : at;
    }));
  }
}

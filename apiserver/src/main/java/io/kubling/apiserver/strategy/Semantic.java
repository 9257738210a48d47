package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Equality of JSON trees as Kubernetes' apiequality.Semantic sees decoded structs: unset, null,
 * "", 0, false, [] and {} are all the zero value, and numbers compare by value.
 */
final class Semantic {
  private Semantic() {}

  static boolean equal(JsonNode a, JsonNode b) {
    if (isZero(a) || isZero(b)) {
      return isZero(a) && isZero(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      for (String k : keys(a, b)) {
        if (!equal(a.get(k), b.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  static boolean isZero(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return true;
    }
    if (n.isContainerNode()) {
      return n.isEmpty();
    }
    if (n.isTextual()) {
      return n.asText().isEmpty();
    }
    if (n.isBoolean()) {
      return !n.asBoolean();
    }
    return n.isNumber() && n.decimalValue().signum() == 0;
  }

  /** Lines {@code - path: old} / {@code + path: new} for each leaf that differs. */
  static List<String> diff(JsonNode oldNode, JsonNode newNode, String path) {
    List<String> out = new ArrayList<>();
    collect(oldNode, newNode, path, out);
    return out;
  }

  private static void collect(JsonNode a, JsonNode b, String path, List<String> out) {
    if (equal(a, b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      for (String k : keys(a, b)) {
        collect(a.get(k), b.get(k), path + "." + k, out);
      }
    } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        collect(a.get(i), b.get(i), path + "[" + i + "]", out);
      }
    } else {
      out.add("- " + path + ": " + (isZero(a) ? "<unset>" : a.toString()));
      out.add("+ " + path + ": " + (isZero(b) ? "<unset>" : b.toString()));
    }
  }

  private static Set<String> keys(JsonNode a, JsonNode b) {
    Set<String> keys = new LinkedHashSet<>();
    a.fieldNames().forEachRemaining(keys::add);
    b.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}

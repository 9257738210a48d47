package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Small readers and writers over Jackson trees, with Go's zero-value view of them: a missing
 * field, null and "" all mean "unset", as they do once Kubernetes has decoded a struct.
 */
final class Fields {
  private Fields() {}

  /** The elements of the array at {@code field}; empty when absent or not an array. */
  static List<JsonNode> items(JsonNode n, String field) {
    JsonNode a = n == null ? null : n.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (a != null && a.isArray()) {
      a.forEach(out::add);
    }
    return out;
  }

  /** The object elements of the array at {@code field}, for in-place defaulting. */
  static List<ObjectNode> objects(JsonNode n, String field) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode item : items(n, field)) {
      if (item instanceof ObjectNode o) {
        out.add(o);
      }
    }
    return out;
  }

  /** The scalar at {@code field} as text, or null when unset. */
  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  /** The scalar at {@code field} as text, "" when unset. */
  static String str(JsonNode n, String field) {
    String s = text(n, field);
    return s == null ? "" : s;
  }

  static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  static boolean has(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && !v.isNull();
  }

  /** The integer at {@code field}; null when unset or not an integer. */
  static Long integer(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.isIntegralNumber() ? v.asLong() : null;
  }

  /** Like {@link #integer(JsonNode, String)}, reporting a value of another type at path. */
  static Long integer(JsonNode n, String field, String path, List<FieldError> errs) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      errs.add(FieldErrors.typeInvalid(path, v, "integer"));
      return null;
    }
    return v.asLong();
  }

  static ObjectNode child(ObjectNode n, String field) {
    return Json.with(n, field);
  }

  static void defaultText(ObjectNode n, String field, String value) {
    if (blank(text(n, field))) {
      n.put(field, value);
    }
  }

  /** Sets an int when unset; ints (not longs) so trees compare equal to parsed ones. */
  static void defaultInt(ObjectNode n, String field, int value) {
    if (!has(n, field)) {
      n.put(field, value);
    }
  }

  static void defaultBool(ObjectNode n, String field, boolean value) {
    if (!has(n, field)) {
      n.put(field, value);
    }
  }

  /** Makes {@code to.field} what {@code from.field} is, absent included. */
  static void copy(ObjectNode to, JsonNode from, String field) {
    JsonNode v = from == null ? null : from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  static ArrayNode texts(String... values) {
    ArrayNode a = Json.NODES.arrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}

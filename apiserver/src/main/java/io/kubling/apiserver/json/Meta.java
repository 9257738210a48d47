package io.kubling.apiserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accessors for an object's metadata, the few fields every layer reads. */
public final class Meta {
  private Meta() {}

  public static ObjectNode metadata(ObjectNode obj) {
    return Json.with(obj, "metadata");
  }

  public static String name(JsonNode obj) {
    return Json.text(obj, "metadata", "name");
  }

  public static String namespace(JsonNode obj) {
    return Json.text(obj, "metadata", "namespace");
  }

  public static String uid(JsonNode obj) {
    return Json.text(obj, "metadata", "uid");
  }

  public static String resourceVersion(JsonNode obj) {
    return Json.text(obj, "metadata", "resourceVersion");
  }

  public static boolean deleting(JsonNode obj) {
    return Json.at(obj, "metadata", "deletionTimestamp") != null;
  }

  /** Labels as a map; empty when there are none. Values that are not text are skipped. */
  public static Map<String, String> labels(JsonNode obj) {
    return stringMap(Json.at(obj, "metadata", "labels"));
  }

  public static Map<String, String> stringMap(JsonNode n) {
    if (n == null || !n.isObject() || n.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        m.put(e.getKey(), e.getValue().asText());
      }
    });
    return m;
  }
}

package io.kubling.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.provider.Arguments;

/** One row of a patch table: a named original, patch and expected result, all JSON text. */
record PatchCase(String name, String kind, String original, String patch, String expected) {
  static Arguments row(String name, String kind, String original, String patch,
      String expected) {
    return Arguments.of(new PatchCase(name, kind, original, patch, expected));
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  ObjectNode originalObject() {
    return (ObjectNode) json(original);
  }

  ObjectNode apply() {
    return StrategicMergePatch.apply(originalObject(), json(patch), kind);
  }

  @Override
  public String toString() {
    return name;
  }
}

package io.kubling.apiserver.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The server's one JSON (and YAML) mapper; objects are handled as Jackson trees. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  public static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(8L << 20).build())
      .build());
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Parses an object; anything else (array, scalar, bad syntax) is an IllegalArgumentException. */
  public static ObjectNode parseObject(byte[] bytes) {
    JsonNode n;
    try {
      n = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(message(e), e);
    }
    return asObject(n);
  }

  public static ObjectNode parseYamlObject(byte[] bytes) {
    JsonNode n;
    try {
      n = YAML.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(message(e), e);
    }
    return asObject(n);
  }

  private static String message(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static ObjectNode asObject(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      throw new IllegalArgumentException("empty body");
    }
    if (!(n instanceof ObjectNode o)) {
      throw new IllegalArgumentException("expected a JSON object, got " + n.getNodeType());
    }
    return o;
  }

  public static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String string(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String yaml(JsonNode n) {
    try {
      return YAML.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text at a path of field names, or null when any step is missing or not text. */
  public static String text(JsonNode n, String... path) {
    JsonNode cur = at(n, path);
    return cur != null && cur.isValueNode() && !cur.isNull() ? cur.asText() : null;
  }

  /** The node at a path of field names, or null. */
  public static JsonNode at(JsonNode n, String... path) {
    JsonNode cur = n;
    for (String p : path) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(p);
    }
    return cur == null || cur.isNull() ? null : cur;
  }

  /** The object at a path, created (replacing non-objects) as needed. */
  public static ObjectNode with(ObjectNode n, String... path) {
    ObjectNode cur = n;
    for (String p : path) {
      JsonNode next = cur.get(p);
      cur = next instanceof ObjectNode o ? o : cur.putObject(p);
    }
    return cur;
  }
}

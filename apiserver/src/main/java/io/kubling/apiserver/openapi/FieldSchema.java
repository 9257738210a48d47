package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A kind's schema reduced to what the unknown-field walk asks of it (which properties an
 * object has, what its map values and array items are, where unknown fields are kept), with
 * every {@code $ref} and single {@code allOf} followed once when compiled. Walking the
 * OpenAPI tree itself cost a {@code $ref} lookup and a path string per field of every write.
 */
final class FieldSchema {
  /** Where the walk stops: a dangling {@code $ref}, or unknown fields kept. */
  static final FieldSchema STOP = new FieldSchema();

  /** Field name to its schema; null when the schema names no properties. */
  Map<String, FieldSchema> properties;
  /** The schema of a map's values; null when not a map. */
  FieldSchema additional;
  /** The schema of an array's items; null when not an array. */
  FieldSchema items;

  private FieldSchema() {}

  private static final Compiler COMPILER = new Compiler();
  private static final Map<String, Optional<FieldSchema>> BY_KIND = new ConcurrentHashMap<>();

  /** The compiled schema of a kind, empty for kinds without a schema. */
  static Optional<FieldSchema> of(String group, String version, String kind) {
    return BY_KIND.computeIfAbsent(group + "/" + version + "/" + kind,
        k -> Schemas.component(group, version, kind).map(COMPILER::compileComponent));
  }

  /** Compiles the OpenAPI nodes once each: schemas are recursive (JSONSchemaProps). */
  private static final class Compiler {
    private final Map<JsonNode, FieldSchema> done = new IdentityHashMap<>();

    synchronized FieldSchema compileComponent(String component) {
      return compile(Schemas.resolve(component));
    }

    private FieldSchema compile(JsonNode schema) {
      schema = deref(schema);
      if (schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        return STOP;
      }
      FieldSchema known = done.get(schema);
      if (known != null) {
        return known;
      }
      FieldSchema s = new FieldSchema();
      done.put(schema, s); // before the children: they may lead back here
      JsonNode props = schema.get("properties");
      if (props != null) {
        s.properties = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          s.properties.put(p.getKey(), compile(p.getValue()));
        }
      }
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null) {
        s.additional = compile(additional);
      }
      JsonNode items = schema.get("items");
      if (items != null) {
        s.items = compile(items);
      }
      return s;
    }

    /** Follows {@code $ref} and a single {@code allOf}, as Kubernetes' schemas use them. */
    private static JsonNode deref(JsonNode schema) {
      while (schema != null) {
        if (schema.has("$ref")) {
          schema = Schemas.resolve(schema.get("$ref").asText());
        } else if (schema.has("allOf") && schema.get("allOf").size() == 1) {
          schema = schema.get("allOf").get(0);
        } else {
          return schema;
        }
      }
      return null;
    }
  }
}

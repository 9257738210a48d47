package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kubernetes' strict decoding: which fields of a request object its kind's schema does not
 * know, and what each {@code fieldValidation} mode makes of them. Duplicate fields never get
 * here: the JSON parser refuses them whatever the mode.
 */
public final class FieldValidation {
  /** Kubernetes stops collecting strict decoding errors at 100. */
  private static final int MAX = 100;

  private FieldValidation() {}

  /**
   * The paths of the fields the kind's schema does not know, in document order, worded as
   * Kubernetes words them ({@code spec.containers[0].imagee}); empty for kinds without a
   * schema.
   */
  public static List<String> unknownFields(ObjectNode obj, String group, String version,
      String kind) {
    return walk(obj, group, version, kind, false);
  }

  /** Removes the unknown fields, as decoding in Warn or Ignore mode drops them; returns them. */
  public static List<String> pruneUnknownFields(ObjectNode obj, String group, String version,
      String kind) {
    return walk(obj, group, version, kind, true);
  }

  /**
   * Checks a POST or PUT body: Strict fails with Kubernetes' 400, Warn returns the texts of
   * the warnings to send, Ignore returns nothing.
   */
  public static List<String> check(FieldValidationMode mode, ObjectNode obj, ResourceType t) {
    if (mode == FieldValidationMode.IGNORE) {
      return List.of();
    }
    List<String> unknown = unknownFields(obj, t.group(), t.version(), t.kind());
    if (!unknown.isEmpty() && mode == FieldValidationMode.STRICT) {
      throw ApiException.badRequest(t.kind() + " in version \"" + t.version()
          + "\" cannot be handled as a " + t.kind() + ": " + strictDecodingError(unknown));
    }
    return warnings(unknown);
  }

  /**
   * Checks the object a PATCH produced: Strict fails with Kubernetes' 422 on the field
   * {@code patch}, Warn returns the warnings, Ignore nothing.
   */
  public static List<String> checkPatched(FieldValidationMode mode, ObjectNode patched,
      ResourceType t) {
    if (mode == FieldValidationMode.IGNORE) {
      return List.of();
    }
    List<String> unknown = unknownFields(patched, t.group(), t.version(), t.kind());
    if (!unknown.isEmpty() && mode == FieldValidationMode.STRICT) {
      throw ApiException.invalid("", "", "", List.of(
          FieldError.invalid("patch", Json.string(patched), strictDecodingError(unknown))));
    }
    return warnings(unknown);
  }

  /** {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}. */
  public static String strictDecodingError(List<String> unknown) {
    return "strict decoding error: " + unknown.stream().map(FieldValidation::unknownField)
        .collect(Collectors.joining(", "));
  }

  /** The value of a {@code Warning} header: {@code 299 - "unknown field \"spec.foo\""}. */
  public static String warningHeader(String warning) {
    return "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static List<String> warnings(List<String> unknown) {
    return unknown.stream().map(FieldValidation::unknownField).toList();
  }

  private static String unknownField(String path) {
    return "unknown field \"" + path + "\"";
  }

  private static List<String> walk(ObjectNode obj, String group, String version, String kind,
      boolean prune) {
    var component = Schemas.component(group, version, kind);
    if (component.isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    walk(obj, Schemas.resolve(component.get()), "", out, prune);
    return List.copyOf(out);
  }

  private static void walk(JsonNode value, JsonNode schema, String path, Set<String> out,
      boolean prune) {
    schema = deref(schema);
    if (schema == null || out.size() >= MAX && !prune
        || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value instanceof ObjectNode o) {
      JsonNode props = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      List<String> unknown = new ArrayList<>();
      o.fieldNames().forEachRemaining(name -> {
        String at = path.isEmpty() ? name : path + "." + name;
        if (props != null) {
          JsonNode p = props.get(name);
          if (p == null) {
            unknown.add(name);
            if (out.size() < MAX) {
              out.add(at);
            }
          } else {
            walk(o.get(name), p, at, out, prune);
          }
        } else if (additional != null) {
          walk(o.get(name), additional, at, out, prune);
        }
      });
      if (prune) {
        o.remove(unknown);
      }
    } else if (value != null && value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), schema.get("items"), path + "[" + i + "]", out, prune);
      }
    }
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

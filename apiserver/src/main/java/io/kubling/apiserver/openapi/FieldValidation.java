package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    if (unknown.isEmpty()) {
      return List.of();
    }
    return unknown.stream().map(FieldValidation::unknownField).toList();
  }

  private static String unknownField(String path) {
    return "unknown field \"" + path + "\"";
  }

  private static List<String> walk(ObjectNode obj, String group, String version, String kind,
      boolean prune) {
    var schema = FieldSchema.of(group, version, kind);
    if (schema.isEmpty()) {
      return List.of();
    }
    Walk w = new Walk(prune);
    w.walk(obj, schema.get());
    return w.out == null ? List.of() : List.copyOf(w.out);
  }

  /**
   * One walk of an object against its schema. The path of a field is only written out when
   * the field is unknown: most writes have none, and building every path cost more than the
   * rest of the walk.
   */
  private static final class Walk {
    private final boolean prune;
    /** The path to where the walk is: field names (String) and array indexes (Integer). */
    private final ArrayList<Object> path = new ArrayList<>();
    private Set<String> out;

    Walk(boolean prune) {
      this.prune = prune;
    }

    private int found() {
      return out == null ? 0 : out.size();
    }

    void walk(JsonNode value, FieldSchema schema) {
      if (schema == FieldSchema.STOP || found() >= MAX && !prune) {
        return;
      }
      if (value instanceof ObjectNode o) {
        Map<String, FieldSchema> props = schema.properties;
        if (props == null && schema.additional == null) {
          return;
        }
        List<String> unknown = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String name = field.getKey();
          FieldSchema p = props != null ? props.get(name) : schema.additional;
          if (p == null) {
            if (unknown == null) {
              unknown = new ArrayList<>();
            }
            unknown.add(name);
            if (found() < MAX) {
              if (out == null) {
                out = new LinkedHashSet<>();
              }
              out.add(render(name));
            }
          } else {
            path.add(name);
            walk(field.getValue(), p);
            path.remove(path.size() - 1);
          }
        }
        if (prune && unknown != null) {
          o.remove(unknown);
        }
      } else if (value != null && value.isArray() && schema.items != null) {
        for (int i = 0; i < value.size(); i++) {
          path.add(i);
          walk(value.get(i), schema.items);
          path.remove(path.size() - 1);
        }
      }
    }

    /** The path of a field here, as Kubernetes words it: spec.containers[0].imagee. */
    private String render(String name) {
      StringBuilder b = new StringBuilder();
      for (Object segment : path) {
        if (segment instanceof Integer i) {
          b.append('[').append(i).append(']');
        } else {
          if (b.length() > 0) {
            b.append('.');
          }
          b.append((String) segment);
        }
      }
      if (b.length() > 0) {
        b.append('.');
      }
      return b.append(name).toString();
    }
  }
}

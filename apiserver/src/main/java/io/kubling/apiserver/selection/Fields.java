package io.kubling.apiserver.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Json;
import java.util.Map;
import java.util.function.Function;

/** Reads the values that field selectors compare from an object held as a Jackson tree. */
public final class Fields {
  // Booleans that Kubernetes omits when false: a missing value must read "false", or
  // spec.unschedulable=false would miss every schedulable node.
  private static final Map<String, String> MISSING_VALUES = Map.of("spec.unschedulable", "false");

  private Fields() {}

  /**
   * The value of a dotted field ({@code spec.nodeName}) as field selectors see it: text as is,
   * booleans and numbers as their text, and anything missing, null or not a scalar as "" (so
   * {@code spec.nodeName=} selects unscheduled pods), except fields whose missing value is "false".
   */
  public static String valueOf(JsonNode obj, String dottedPath) {
    JsonNode n = Json.at(obj, dottedPath.split("\\.", -1));
    if (n == null || !n.isValueNode()) {
      return MISSING_VALUES.getOrDefault(dottedPath, "");
    }
    if (n.isBigDecimal()) {
      return n.decimalValue().toPlainString(); // never "1E+3"
    }
    return n.asText();
  }

  /** The field values of one object, as {@link FieldSelector#matches} takes them. */
  public static Function<String, String> of(JsonNode obj) {
    return field -> valueOf(obj, field);
  }
}

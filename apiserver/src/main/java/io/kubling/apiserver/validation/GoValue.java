package io.kubling.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A value shown in an error message the way Kubernetes' Go code prints it ({@code %#v}), e.g.
 * {@code map[string]string{"app":"web"}}, so messages read exactly as a real cluster's do.
 * Passed to {@link FieldError#invalid} it is printed as is, without quotes.
 */
public record GoValue(String text) {

  public static GoValue of(String text) {
    return new GoValue(text);
  }

  /** Go's {@code %q} for the characters names and labels can hold. */
  public static String quote(String s) {
    if (s == null) {
      return "\"\"";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** {@code map[string]string{"a":"b"}}, keys sorted as Go prints maps; nil when absent. */
  public static GoValue stringMap(JsonNode map) {
    return new GoValue(mapText(map));
  }

  /** {@code []string{"a", "b"}}; {@code []string(nil)} when absent. */
  public static GoValue stringSlice(JsonNode array) {
    return new GoValue(sliceText(array));
  }

  /** A metav1.LabelSelector as the apps validation prints it; {@code null} when absent. */
  public static GoValue labelSelector(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return new GoValue("null");
    }
    JsonNode exprs = selector.get("matchExpressions");
    String exprText;
    if (exprs == null || !exprs.isArray()) {
      exprText = "[]v1.LabelSelectorRequirement(nil)";
    } else {
      List<String> items = new ArrayList<>();
      exprs.forEach(e -> items.add("v1.LabelSelectorRequirement{Key:" + quote(text(e, "key"))
          + ", Operator:" + quote(text(e, "operator")) + ", Values:"
          + sliceText(e.get("values")) + "}"));
      exprText = "[]v1.LabelSelectorRequirement{" + String.join(", ", items) + "}";
    }
    return new GoValue("v1.LabelSelector{MatchLabels:" + mapText(selector.get("matchLabels"))
        + ", MatchExpressions:" + exprText + "}");
  }

  /** An rbac.RoleRef, as the "cannot change roleRef" error prints it. */
  public static GoValue roleRef(JsonNode ref) {
    return new GoValue("rbac.RoleRef{APIGroup:" + quote(text(ref, "apiGroup")) + ", Kind:"
        + quote(text(ref, "kind")) + ", Name:" + quote(text(ref, "name")) + "}");
  }

  private static String mapText(JsonNode map) {
    if (map == null || !map.isObject()) {
      return "map[string]string(nil)";
    }
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    return sorted.entrySet().stream()
        .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
        .collect(Collectors.joining(", ", "map[string]string{", "}"));
  }

  private static String sliceText(JsonNode array) {
    if (array == null || !array.isArray()) {
      return "[]string(nil)";
    }
    List<String> items = new ArrayList<>();
    array.forEach(v -> items.add(quote(v.asText())));
    return "[]string{" + String.join(", ", items) + "}";
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  @Override
  public String toString() {
    return text;
  }
}

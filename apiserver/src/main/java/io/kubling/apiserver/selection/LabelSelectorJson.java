package io.kubling.apiserver.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Turns a metav1.LabelSelector held as JSON into a LabelSelector, as LabelSelectorAsSelector does. */
final class LabelSelectorJson {
  private static final Map<String, Operator> OPERATORS = Map.of(
      "In", Operator.IN, "NotIn", Operator.NOT_IN,
      "Exists", Operator.EXISTS, "DoesNotExist", Operator.DOES_NOT_EXIST);

  private LabelSelectorJson() {}

  static LabelSelector read(JsonNode selector) {
    // A nil selector selects nothing: a controller with no selector must not adopt every pod.
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return LabelSelector.NOTHING;
    }
    if (!selector.isObject()) {
      throw new IllegalArgumentException(
          "a label selector must be an object, got " + selector.getNodeType());
    }
    List<Requirement> out = new ArrayList<>();
    JsonNode labels = Json.at(selector, "matchLabels");
    if (labels != null) {
      if (!labels.isObject()) {
        throw new IllegalArgumentException("matchLabels must be an object of strings");
      }
      Iterator<Map.Entry<String, JsonNode>> it = labels.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String value = text(e.getValue(), "matchLabels." + e.getKey());
        out.add(new Requirement(e.getKey(), Operator.EQUALS, List.of(value)));
      }
    }
    JsonNode exprs = Json.at(selector, "matchExpressions");
    if (exprs != null) {
      if (!exprs.isArray()) {
        throw new IllegalArgumentException("matchExpressions must be a list");
      }
      for (JsonNode expr : exprs) {
        out.add(expression(expr));
      }
    }
    return LabelSelector.of(out);
  }

  private static Requirement expression(JsonNode expr) {
    if (!expr.isObject()) {
      throw new IllegalArgumentException("a match expression must be an object");
    }
    String key = text(Json.at(expr, "key"), "key");
    String op = text(Json.at(expr, "operator"), "operator");
    Operator operator = OPERATORS.get(op);
    if (operator == null) {
      throw new IllegalArgumentException("\"" + op + "\" is not a valid label selector operator");
    }
    List<String> values = new ArrayList<>();
    JsonNode vs = Json.at(expr, "values");
    if (vs != null) {
      if (!vs.isArray()) {
        throw new IllegalArgumentException("values must be a list of strings");
      }
      for (JsonNode v : vs) {
        values.add(text(v, "values"));
      }
    }
    return new Requirement(key, operator, values);
  }

  private static String text(JsonNode n, String what) {
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(what + " must be a string");
    }
    return n.asText();
  }
}

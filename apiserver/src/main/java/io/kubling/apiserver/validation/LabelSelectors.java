package io.kubling.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** metav1.LabelSelector: its validation and whether it selects a set of labels. */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** Errors of a selector at {@code path}, as ValidateLabelSelector words them. */
  public static List<FieldError> validate(JsonNode selector, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (selector == null || selector.isNull()) {
      return errs;
    }
    errs.addAll(MetadataValidation.validateLabels(selector.get("matchLabels"),
        path + ".matchLabels"));
    JsonNode exprs = selector.get("matchExpressions");
    if (exprs == null || !exprs.isArray()) {
      return errs;
    }
    for (int i = 0; i < exprs.size(); i++) {
      JsonNode e = exprs.get(i);
      String p = path + ".matchExpressions[" + i + "]";
      String op = text(e, "operator");
      int values = e.has("values") && e.get("values").isArray() ? e.get("values").size() : 0;
      switch (op) {
        case "In", "NotIn" -> {
          if (values == 0) {
            errs.add(FieldError.required(p + ".values",
                "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (values > 0) {
            errs.add(FieldError.forbidden(p + ".values",
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        default -> errs.add(FieldError.invalid(p + ".operator", op,
            "not a valid selector operator"));
      }
      String key = text(e, "key");
      Names.labelKey(key).forEach(m -> errs.add(FieldError.invalid(p + ".key", key, m)));
      for (int j = 0; j < values; j++) {
        String v = e.get("values").get(j).asText();
        int jj = j;
        Names.labelValue(v).forEach(
            m -> errs.add(FieldError.invalid(p + ".values[" + jj + "]", v, m)));
      }
    }
    return errs;
  }

  /** Whether the selector converts to a labels.Selector at all (LabelSelectorAsSelector). */
  public static boolean convertible(JsonNode selector) {
    return validate(selector, "").isEmpty();
  }

  /** True when the selector has neither matchLabels nor matchExpressions. */
  public static boolean isEmpty(JsonNode selector) {
    return size(selector, "matchLabels") + size(selector, "matchExpressions") == 0;
  }

  /**
   * Whether a valid selector selects the labels. As in Kubernetes, an absent selector selects
   * nothing and an empty one selects everything.
   */
  public static boolean matches(JsonNode selector, Map<String, String> labels) {
    if (selector == null || selector.isNull()) {
      return false;
    }
    JsonNode matchLabels = selector.get("matchLabels");
    if (matchLabels != null && matchLabels.isObject()) {
      for (var it = matchLabels.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    JsonNode exprs = selector.get("matchExpressions");
    if (exprs != null && exprs.isArray()) {
      for (JsonNode e : exprs) {
        if (!requirementMatches(e, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean requirementMatches(JsonNode e, Map<String, String> labels) {
    String key = text(e, "key");
    Set<String> values = new HashSet<>();
    if (e.has("values") && e.get("values").isArray()) {
      e.get("values").forEach(v -> values.add(v.asText()));
    }
    String op = text(e, "operator");
    return switch (op) {
      case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
      case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
      case "Exists" -> labels.containsKey(key);
      case "DoesNotExist" -> !labels.containsKey(key);
      default -> false;
    };
  }

  private static int size(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || !v.isContainerNode() ? 0 : v.size();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}

package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/** A pod's tolerations: their validation, and the only change an update may make to them. */
final class Tolerations {
  private Tolerations() {}

  static List<FieldError> validate(JsonNode tolerations, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (tolerations == null || !tolerations.isArray()) {
      return errs;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      JsonNode t = tolerations.get(i);
      String p = path + "[" + i + "]";
      String key = Fields.str(t, "key");
      String operator = Fields.str(t, "operator");
      String value = Fields.str(t, "value");
      String effect = Fields.str(t, "effect");
      if (!key.isEmpty()) {
        Names.labelKey(key).forEach(m -> errs.add(FieldError.invalid(p + ".key", key, m)));
      }
      if (key.isEmpty() && !operator.equals("Exists")) {
        errs.add(FieldError.invalid(p + ".operator", operator, "operator must be Exists when"
            + " `key` is empty, which means \"match all values and all keys\""));
      }
      if (Fields.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.add(FieldError.invalid(p + ".effect", effect,
            "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (operator) {
        case "Equal", "" -> {
          List<String> msgs = Names.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.add(FieldError.invalid(p + ".operator", value, String.join(";", msgs)));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.add(FieldError.invalid(p + ".operator", value,
                "value must be empty when `operator` is 'Exists'"));
          }
        }
        default -> errs.add(FieldError.notSupported(p + ".operator", operator,
            List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty() && !PodSpecValidation.TAINT_EFFECTS.contains(effect)) {
        errs.add(FieldError.notSupported(p + ".effect", effect, PodSpecValidation.TAINT_EFFECTS));
      }
    }
    return errs;
  }

  /**
   * An update may add tolerations and change an existing one's tolerationSeconds, nothing
   * else; an empty list means no error.
   */
  static List<FieldError> onlyAdded(JsonNode tolerations, JsonNode old, String path) {
    for (JsonNode o : listOf(old)) {
      boolean found = false;
      for (JsonNode n : listOf(tolerations)) {
        ObjectNode a = ((ObjectNode) o).deepCopy();
        ObjectNode b = ((ObjectNode) n).deepCopy();
        a.remove("tolerationSeconds");
        b.remove("tolerationSeconds");
        if (Semantic.equal(a, b)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return List.of(FieldError.forbidden(path,
            "existing toleration can not be modified except its tolerationSeconds"));
      }
    }
    return List.of();
  }

  private static List<JsonNode> listOf(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(t -> {
        if (t.isObject()) {
          out.add(t);
        }
      });
    }
    return out;
  }
}

package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/** policy/v1 PodDisruptionBudgets: minAvailable or maxUnavailable, never both; status kept. */
public final class PodDisruptionBudgetStrategy implements Strategy {
  public static final PodDisruptionBudgetStrategy INSTANCE = new PodDisruptionBudgetStrategy();

  private PodDisruptionBudgetStrategy() {}

  @Override
  public void prepareForCreate(ObjectNode obj) {
    // The disruption controller fills status; until it does, no eviction is allowed.
    ObjectNode status = obj.putObject("status");
    status.put("disruptionsAllowed", 0).put("currentHealthy", 0).put("desiredHealthy", 0)
        .put("expectedPods", 0);
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    if (spec.has("minAvailable") && spec.has("maxUnavailable")) {
      errors.add(FieldError.invalid("spec", spec.toString(),
          "minAvailable and maxUnavailable cannot be both set"));
    }
    for (String f : new String[] {"minAvailable", "maxUnavailable"}) {
      JsonNode v = spec.get(f);
      if (v != null && !(v.isInt() && v.asInt() >= 0) && !(v.isTextual()
          && v.asText().matches("\\d+%"))) {
        errors.add(FieldError.invalid("spec." + f, v.isTextual() ? v.asText() : v.toString(),
            "must be a non-negative integer or a percentage"));
      }
    }
    return errors;
  }
}

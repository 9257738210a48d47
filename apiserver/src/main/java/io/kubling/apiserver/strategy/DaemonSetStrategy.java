package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.GoValue;
import java.util.ArrayList;
import java.util.List;

/**
 * apps/v1 DaemonSets: a rolling update of one node at a time and ten kept revisions by
 * default; the selector must match the template and may not change.
 */
public final class DaemonSetStrategy implements Strategy {
  public static final DaemonSetStrategy INSTANCE = new DaemonSetStrategy();
  static final List<String> STATUS_COUNTERS = List.of("currentNumberScheduled",
      "numberMisscheduled", "desiredNumberScheduled", "numberReady", "observedGeneration",
      "updatedNumberScheduled", "numberAvailable", "numberUnavailable");

  private DaemonSetStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.with(obj, "spec");
    ObjectNode strategy = Json.with(spec, "updateStrategy");
    Fields.defaultText(strategy, "type", "RollingUpdate");
    if (Fields.text(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Json.with(strategy, "rollingUpdate");
      Fields.defaultInt(rolling, "maxUnavailable", 1);
      Fields.defaultInt(rolling, "maxSurge", 0);
    }
    Fields.defaultInt(spec, "revisionHistoryLimit", 10);
    PodSpecDefaults.applySpec(Json.with(spec, "template", "spec"));
  }

  /** These four counters have no omitempty in Go, so a fresh status shows them as 0. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    ObjectNode status = obj.putObject("status");
    for (String counter : STATUS_COUNTERS.subList(0, 4)) {
      status.put(counter, 0);
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    JsonNode spec = obj.path("spec");
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(WorkloadValidation.selector(spec, false, "daemonset"));
    errs.addAll(WorkloadValidation.selectorMatchesTemplate(spec));
    errs.addAll(WorkloadValidation.template(spec, "DaemonSet", false));
    WorkloadValidation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
    errs.addAll(updateStrategy(spec.path("updateStrategy")));
    WorkloadValidation.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit",
        errs);
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return WorkloadValidation.updateErrors(validate(obj), obj, old);
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    for (String counter : STATUS_COUNTERS) {
      WorkloadValidation.nonNegative(obj.path("status"), counter, "status." + counter, errs);
    }
    return errs;
  }

  /** Exactly one of maxUnavailable and maxSurge is non-zero, neither above 100%. */
  private static List<FieldError> updateStrategy(JsonNode strategy) {
    List<FieldError> errs = new ArrayList<>();
    String type = Fields.str(strategy, "type");
    JsonNode rolling = strategy.get("rollingUpdate");
    String p = "spec.updateStrategy.rollingUpdate";
    switch (type) {
      case "OnDelete" -> { }
      case "RollingUpdate" -> {
        if (rolling == null || rolling.isNull()) {
          errs.add(FieldError.required(p));
          break;
        }
        JsonNode unavailable = rolling.get("maxUnavailable");
        JsonNode surge = rolling.get("maxSurge");
        errs.addAll(WorkloadValidation.intOrPercent(unavailable, p + ".maxUnavailable"));
        errs.addAll(WorkloadValidation.intOrPercent(surge, p + ".maxSurge"));
        errs.addAll(WorkloadValidation.notMoreThan100Percent(unavailable, p + ".maxUnavailable"));
        errs.addAll(WorkloadValidation.notMoreThan100Percent(surge, p + ".maxSurge"));
        boolean hasUnavailable = WorkloadValidation.intOrPercentValue(unavailable) != 0;
        boolean hasSurge = WorkloadValidation.intOrPercentValue(surge) != 0;
        if (hasUnavailable && hasSurge) {
          errs.add(FieldError.invalid(p + ".maxSurge", GoValue.of(surge.asText()),
              "may not be set when maxUnavailable is non-zero"));
        } else if (!hasUnavailable && !hasSurge) {
          errs.add(FieldError.required(p + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
        }
      }
      default -> errs.add(FieldError.notSupported("spec.updateStrategy", GoValue.of(
          "apps.DaemonSetUpdateStrategy{Type:" + GoValue.quote(type) + ", RollingUpdate:"
              + (rolling == null || rolling.isNull() ? "(*apps.RollingUpdateDaemonSet)(nil)"
              : "(*apps.RollingUpdateDaemonSet)(...)") + "}"),
          List.of("RollingUpdate", "OnDelete")));
    }
    return errs;
  }
}

package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.GoValue;
import java.util.ArrayList;
import java.util.List;

/**
 * apps/v1 Deployments: one replica, a 25%/25% rolling update, ten old ReplicaSets kept and a
 * 600 s progress deadline by default; a required and fixed selector.
 */
public final class DeploymentStrategy implements Strategy {
  public static final DeploymentStrategy INSTANCE = new DeploymentStrategy();
  static final List<String> STATUS_COUNTERS = List.of("observedGeneration", "replicas",
      "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas");

  private DeploymentStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.with(obj, "spec");
    Fields.defaultInt(spec, "replicas", 1);
    ObjectNode strategy = Json.with(spec, "strategy");
    Fields.defaultText(strategy, "type", "RollingUpdate");
    if (Fields.text(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Json.with(strategy, "rollingUpdate");
      Fields.defaultText(rolling, "maxUnavailable", "25%");
      Fields.defaultText(rolling, "maxSurge", "25%");
    }
    Fields.defaultInt(spec, "revisionHistoryLimit", 10);
    Fields.defaultInt(spec, "progressDeadlineSeconds", 600);
    PodSpecDefaults.applySpec(Json.with(spec, "template", "spec"));
  }

  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status");
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    JsonNode spec = obj.path("spec");
    List<FieldError> errs = new ArrayList<>();
    WorkloadValidation.nonNegative(spec, "replicas", "spec.replicas", errs);
    errs.addAll(WorkloadValidation.selector(spec, true, "deployment"));
    errs.addAll(WorkloadValidation.selectorMatchesTemplate(spec));
    errs.addAll(WorkloadValidation.template(spec, "ReplicaSet", true));
    errs.addAll(strategy(spec.path("strategy")));
    WorkloadValidation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
    WorkloadValidation.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit",
        errs);
    Long deadline = Fields.integer(spec, "progressDeadlineSeconds");
    if (deadline != null) {
      WorkloadValidation.nonNegative(spec, "progressDeadlineSeconds",
          "spec.progressDeadlineSeconds", errs);
      Long minReady = Fields.integer(spec, "minReadySeconds");
      if (deadline <= (minReady == null ? 0 : minReady)) {
        errs.add(FieldError.invalid("spec.progressDeadlineSeconds", deadline,
            "must be greater than minReadySeconds"));
      }
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return WorkloadValidation.updateErrors(validate(obj), obj, old);
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return WorkloadValidation.statusCounts(obj.path("status"), STATUS_COUNTERS,
        List.of("updatedReplicas", "readyReplicas", "availableReplicas"));
  }

  private static List<FieldError> strategy(JsonNode strategy) {
    List<FieldError> errs = new ArrayList<>();
    String type = Fields.str(strategy, "type");
    JsonNode rolling = strategy.get("rollingUpdate");
    boolean hasRolling = rolling != null && !rolling.isNull();
    String p = "spec.strategy.rollingUpdate";
    switch (type) {
      case "Recreate" -> {
        if (hasRolling) {
          errs.add(FieldError.forbidden(p,
              "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (!hasRolling) {
          errs.add(FieldError.required(p, "this should be defaulted and never be nil"));
          break;
        }
        JsonNode unavailable = rolling.get("maxUnavailable");
        JsonNode surge = rolling.get("maxSurge");
        errs.addAll(WorkloadValidation.intOrPercent(unavailable, p + ".maxUnavailable"));
        errs.addAll(WorkloadValidation.intOrPercent(surge, p + ".maxSurge"));
        if (WorkloadValidation.intOrPercentValue(unavailable) == 0
            && WorkloadValidation.intOrPercentValue(surge) == 0) {
          errs.add(FieldError.invalid(p + ".maxUnavailable",
              GoValue.of(unavailable == null ? "0" : unavailable.asText()),
              "may not be 0 when `maxSurge` is 0"));
        }
        errs.addAll(WorkloadValidation.notMoreThan100Percent(unavailable, p + ".maxUnavailable"));
      }
      default -> errs.add(FieldError.notSupported("spec.strategy", GoValue.of(
          "apps.DeploymentStrategy{Type:" + GoValue.quote(type) + ", RollingUpdate:"
              + (hasRolling ? "(*apps.RollingUpdateDeployment)(...)" : "(*apps"
              + ".RollingUpdateDeployment)(nil)") + "}"), List.of("Recreate", "RollingUpdate")));
    }
    return errs;
  }
}

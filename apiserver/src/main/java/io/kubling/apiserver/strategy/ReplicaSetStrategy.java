package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 ReplicaSets: one replica by default, a required and fixed selector. */
public final class ReplicaSetStrategy implements Strategy {
  public static final ReplicaSetStrategy INSTANCE = new ReplicaSetStrategy();
  static final List<String> STATUS_COUNTERS = List.of("replicas", "fullyLabeledReplicas",
      "readyReplicas", "availableReplicas", "observedGeneration");

  private ReplicaSetStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.with(obj, "spec");
    Fields.defaultInt(spec, "replicas", 1);
    PodSpecDefaults.applySpec(Json.with(spec, "template", "spec"));
  }

  /** replicas has no omitempty in Go, so a fresh status still shows 0. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").put("replicas", 0);
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return validateSpec(obj.path("spec"), "ReplicaSet");
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return WorkloadValidation.updateErrors(validate(obj), obj, old);
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return WorkloadValidation.statusCounts(obj.path("status"), STATUS_COUNTERS,
        List.of("fullyLabeledReplicas", "readyReplicas", "availableReplicas"));
  }

  /** ValidateReplicaSetSpec, whose template rules Deployments share. */
  static List<FieldError> validateSpec(JsonNode spec, String owner) {
    List<FieldError> errs = new ArrayList<>();
    WorkloadValidation.nonNegative(spec, "replicas", "spec.replicas", errs);
    WorkloadValidation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
    errs.addAll(WorkloadValidation.selector(spec, true, "deployment"));
    errs.addAll(WorkloadValidation.selectorMatchesTemplate(spec));
    errs.addAll(WorkloadValidation.template(spec, owner, true));
    return errs;
  }
}

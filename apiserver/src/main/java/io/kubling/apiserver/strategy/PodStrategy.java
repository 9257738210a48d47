package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import java.util.ArrayList;
import java.util.List;

/** Pods: PodSpec defaults, status Pending with a QoS class on create, a nearly fixed spec. */
public final class PodStrategy implements Strategy {
  public static final PodStrategy INSTANCE = new PodStrategy();

  private PodStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    PodSpecDefaults.applyPod(Json.with(obj, "spec"));
  }

  /** A new pod's status is set by the server, never the client. */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    ObjectNode status = obj.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", QosClass.of(obj.get("spec")));
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return PodSpecValidation.pod(obj.get("spec"));
  }

  /** Both rule sets require an image; Kubernetes reports a repeated message once. */
  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validate(obj));
    errs.addAll(PodUpdateValidation.validate(obj.get("spec"), old.get("spec")));
    return errs.stream().distinct().toList();
  }

  /** A status write that leaves the QoS class out keeps it: it is decided once, at creation. */
  @Override
  public void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
    Strategy.super.prepareForStatusUpdate(obj, old);
    String oldQos = Json.text(old, "status", "qosClass");
    if (oldQos != null && Json.text(obj, "status", "qosClass") == null) {
      Json.with(obj, "status").put("qosClass", oldQos);
    }
  }

  /** The QoS class is decided once, at creation. */
  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    String qos = Json.text(obj, "status", "qosClass");
    String oldQos = Json.text(old, "status", "qosClass");
    if (oldQos != null && !oldQos.equals(qos)) {
      return List.of(FieldErrors.immutable("status.qosClass", qos == null ? "" : qos));
    }
    return List.of();
  }
}

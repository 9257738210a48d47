package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/** coordination.k8s.io Leases, which leader election and node heartbeats write. */
public final class LeaseStrategy implements Strategy {
  public static final LeaseStrategy INSTANCE = new LeaseStrategy();

  private LeaseStrategy() {}

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    Long duration = Fields.integer(spec, "leaseDurationSeconds", "spec.leaseDurationSeconds",
        errs);
    if (duration != null && duration <= 0) {
      errs.add(FieldError.invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
    }
    Long transitions = Fields.integer(spec, "leaseTransitions", "spec.leaseTransitions", errs);
    if (transitions != null && transitions < 0) {
      errs.add(FieldError.invalid("spec.leaseTransitions", transitions,
          "must be greater than or equal to 0"));
    }
    return errs;
  }
}

package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.GoValue;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * ValidatePodUpdate's spec rules: a running pod's spec is fixed except for images, a shorter
 * activeDeadlineSeconds, added tolerations and a negative grace period raised to 1. Binding a
 * pod to a node is the binding subresource's job, so spec.nodeName may not change here.
 */
final class PodUpdateValidation {
  static final String UPDATABLE_FIELDS = String.join(",",
      "`spec.containers[*].image`",
      "`spec.initContainers[*].image`",
      "`spec.activeDeadlineSeconds`",
      "`spec.tolerations` (only additions to existing tolerations)",
      "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously"
          + " negative)");
  static final String FORBIDDEN = "pod updates may not change fields other than "
      + UPDATABLE_FIELDS;

  private PodUpdateValidation() {}

  static List<FieldError> validate(JsonNode spec, JsonNode oldSpec) {
    List<FieldError> errs = new ArrayList<>();
    for (String list : List.of("containers", "initContainers")) {
      List<JsonNode> now = Fields.items(spec, list);
      List<JsonNode> before = Fields.items(oldSpec, list);
      if (now.size() != before.size()) {
        errs.add(FieldError.forbidden("spec." + list, "pod updates may not add or remove"
            + " containers"));
        return errs;
      }
      for (int i = 0; i < now.size(); i++) {
        if (Fields.blank(Fields.text(now.get(i), "image"))) {
          errs.add(FieldError.required("spec." + list + "[" + i + "].image"));
        }
      }
    }
    Long deadline = Fields.integer(spec, "activeDeadlineSeconds");
    Long oldDeadline = Fields.integer(oldSpec, "activeDeadlineSeconds");
    if (deadline != null) {
      if (deadline < 0 || deadline > PodSpecValidation.MAX_INT32) {
        errs.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline,
            Names.inclusiveRangeError(0, PodSpecValidation.MAX_INT32)));
        return errs;
      }
      if (oldDeadline != null && oldDeadline < deadline) {
        errs.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline,
            "must be less than or equal to previous value"));
        return errs;
      }
    } else if (oldDeadline != null) {
      errs.add(FieldError.invalid("spec.activeDeadlineSeconds", GoValue.of("null"),
          "must not update from a positive integer to nil value"));
    }
    errs.addAll(Tolerations.onlyAdded(spec == null ? null : spec.get("tolerations"),
        oldSpec == null ? null : oldSpec.get("tolerations"), "spec.tolerations"));
    ObjectNode munged = munge(spec, oldSpec);
    if (!Semantic.equal(munged, oldSpec)) {
      List<String> diff = Semantic.diff(oldSpec, munged, "spec");
      errs.add(FieldError.forbidden("spec", FORBIDDEN + "\n" + String.join("\n", diff)));
    }
    return errs;
  }

  /** The new spec with every field an update may change set back to its old value. */
  private static ObjectNode munge(JsonNode spec, JsonNode oldSpec) {
    ObjectNode munged = spec instanceof ObjectNode o ? o.deepCopy() : Json.object();
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> now = Fields.objects(munged, list);
      List<JsonNode> before = Fields.items(oldSpec, list);
      for (int i = 0; i < now.size() && i < before.size(); i++) {
        Fields.copy(now.get(i), before.get(i), "image");
      }
    }
    for (String field : List.of("activeDeadlineSeconds", "tolerations", "schedulingGates")) {
      Fields.copy(munged, oldSpec, field);
    }
    Long oldGrace = Fields.integer(oldSpec, "terminationGracePeriodSeconds");
    Long grace = Fields.integer(munged, "terminationGracePeriodSeconds");
    if (oldGrace != null && oldGrace < 0 && grace != null && grace == 1) {
      Fields.copy(munged, oldSpec, "terminationGracePeriodSeconds");
    }
    return munged;
  }
}

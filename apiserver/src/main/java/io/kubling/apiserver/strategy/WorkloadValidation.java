package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import io.kubling.apiserver.validation.GoValue;
import io.kubling.apiserver.validation.LabelSelectors;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/** Rules the apps/v1 workloads (ReplicaSet, Deployment, DaemonSet) share. */
final class WorkloadValidation {
  static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

  private WorkloadValidation() {}

  /**
   * spec.selector: valid and not empty. ReplicaSets and Deployments also require it and say
   * when it does not convert to a selector; DaemonSets rely on the template-labels check. The
   * words "for deployment" are Kubernetes' own, ReplicaSets included.
   */
  static List<FieldError> selector(JsonNode spec, boolean replicaSetRules, String emptyFor) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull()) {
      if (replicaSetRules) {
        errs.add(FieldError.required("spec.selector"));
      }
      return errs;
    }
    List<FieldError> invalid = LabelSelectors.validate(selector, "spec.selector");
    errs.addAll(invalid);
    if (LabelSelectors.isEmpty(selector)) {
      errs.add(FieldError.invalid("spec.selector", GoValue.labelSelector(selector),
          "empty selector is invalid for " + emptyFor));
    }
    if (replicaSetRules && !invalid.isEmpty()) {
      errs.add(FieldError.invalid("spec.selector", GoValue.labelSelector(selector),
          "invalid label selector"));
    }
    return errs;
  }

  /**
   * The template's labels must be selected by the selector, or the controller could never
   * find its own pods. An absent selector selects nothing; an empty one is refused above.
   */
  static List<FieldError> selectorMatchesTemplate(JsonNode spec) {
    JsonNode selector = spec.get("selector");
    JsonNode template = spec.path("template");
    if (!LabelSelectors.convertible(selector)
        || (selector != null && LabelSelectors.isEmpty(selector))) {
      return List.of();
    }
    if (LabelSelectors.matches(selector, Meta.labels(template))) {
      return List.of();
    }
    return List.of(FieldError.invalid("spec.template.metadata.labels",
        GoValue.stringMap(template.path("metadata").get("labels")), SELECTOR_MISMATCH));
  }

  /**
   * A controller's template: a valid pod template whose pods always restart and have no
   * deadline. ReplicaSets and Deployments forbid the deadline, DaemonSets call it invalid.
   */
  static List<FieldError> template(JsonNode spec, String owner, boolean deadlineForbidden) {
    JsonNode template = spec.path("template");
    List<FieldError> errs = new ArrayList<>(PodSpecValidation.template(template, "spec.template"));
    String restart = Fields.str(template.path("spec"), "restartPolicy");
    if (!restart.equals("Always")) {
      errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", restart,
          List.of("Always")));
    }
    Long deadline = Fields.integer(template.path("spec"), "activeDeadlineSeconds");
    if (deadline != null) {
      String path = "spec.template.spec.activeDeadlineSeconds";
      String detail = "activeDeadlineSeconds in " + owner + " is not Supported";
      errs.add(deadlineForbidden ? FieldError.forbidden(path, detail)
          : FieldError.invalid(path, deadline, detail));
    }
    return errs;
  }

  /** An apps/v1 workload's update errors: its own, plus a selector that changed. */
  static List<FieldError> updateErrors(List<FieldError> own, ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(own);
    errs.addAll(selectorUnchanged(obj.path("spec"), old.path("spec")));
    return errs;
  }

  /** apps/v1 fixed selectors: changing one would orphan the controller's pods. */
  static List<FieldError> selectorUnchanged(JsonNode spec, JsonNode oldSpec) {
    JsonNode selector = spec.get("selector");
    if (Semantic.equal(selector, oldSpec.get("selector"))) {
      return List.of();
    }
    return List.of(FieldErrors.immutable("spec.selector", GoValue.labelSelector(selector)));
  }

  /** Adds an error when the integer at {@code field} is negative. */
  static void nonNegative(JsonNode n, String field, String path, List<FieldError> errs) {
    Long v = Fields.integer(n, field, path, errs);
    if (v != null && v < 0) {
      errs.add(FieldErrors.negative(path, v));
    }
  }

  /** An IntOrString that is a non-negative integer or a percentage like "25%". */
  static List<FieldError> intOrPercent(JsonNode v, String path) {
    if (v == null || v.isNull() || v.isIntegralNumber()) {
      long n = v == null || v.isNull() ? 0 : v.asLong();
      return n < 0 ? List.of(FieldErrors.negative(path, n)) : List.of();
    }
    if (v.isTextual()) {
      List<FieldError> errs = new ArrayList<>();
      Names.percent(v.asText()).forEach(
          m -> errs.add(FieldError.invalid(path, GoValue.of(v.asText()), m)));
      return errs;
    }
    return List.of(FieldError.invalid(path, GoValue.of(v.toString()),
        "must be an integer or percentage (e.g '5%')"));
  }

  static List<FieldError> notMoreThan100Percent(JsonNode v, String path) {
    if (v != null && v.isTextual() && Names.percent(v.asText()).isEmpty()
        && percent(v.asText()) > 100) {
      return List.of(FieldError.invalid(path, GoValue.of(v.asText()),
          "must not be greater than 100%"));
    }
    return List.of();
  }

  /** The number in an IntOrString: the percentage itself for "25%", else the integer. */
  static long intOrPercentValue(JsonNode v) {
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isTextual()) {
      String s = v.asText();
      if (Names.percent(s).isEmpty()) {
        return percent(s);
      }
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return v.asLong();
  }

  /** Status counters: none negative, and none of {@code atMostReplicas} above replicas. */
  static List<FieldError> statusCounts(JsonNode status, List<String> counters,
      List<String> atMostReplicas) {
    List<FieldError> errs = new ArrayList<>();
    for (String c : counters) {
      nonNegative(status, c, "status." + c, errs);
    }
    long replicas = count(status, "replicas");
    for (String c : atMostReplicas) {
      if (count(status, c) > replicas) {
        errs.add(FieldError.invalid("status." + c, count(status, c),
            "cannot be greater than status.replicas"));
      }
    }
    if (atMostReplicas.contains("availableReplicas")
        && count(status, "availableReplicas") > count(status, "readyReplicas")) {
      errs.add(FieldError.invalid("status.availableReplicas", count(status, "availableReplicas"),
          "cannot be greater than readyReplicas"));
    }
    return errs;
  }

  private static long count(JsonNode status, String field) {
    Long v = Fields.integer(status, field);
    return v == null ? 0 : v;
  }

  private static long percent(String s) {
    try {
      return Long.parseLong(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}

package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.GoValue;
import java.util.ArrayList;
import java.util.List;

/** The rules of a Role or ClusterRole (ValidatePolicyRule). */
final class PolicyRules {
  private PolicyRules() {}

  /** Non-resource URLs exist only cluster-wide, so a namespaced Role may not name them. */
  static List<FieldError> validate(JsonNode role, boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> rules = Fields.items(role, "rules");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String p = "rules[" + i + "]";
      if (Fields.items(rule, "verbs").isEmpty()) {
        errs.add(FieldError.required(p + ".verbs", "verbs must contain at least one value"));
      }
      if (!Fields.items(rule, "nonResourceURLs").isEmpty()) {
        GoValue urls = GoValue.stringSlice(rule.get("nonResourceURLs"));
        if (namespaced) {
          errs.add(FieldError.invalid(p + ".nonResourceURLs", urls,
              "namespaced rules cannot apply to non-resource URLs"));
        }
        if (!Fields.items(rule, "apiGroups").isEmpty() || !Fields.items(rule, "resources").isEmpty()
            || !Fields.items(rule, "resourceNames").isEmpty()) {
          errs.add(FieldError.invalid(p + ".nonResourceURLs", urls,
              "rules cannot apply to both regular resources and non-resource URLs"));
        }
        continue;
      }
      if (Fields.items(rule, "apiGroups").isEmpty()) {
        errs.add(FieldError.required(p + ".apiGroups",
            "resource rules must supply at least one api group"));
      }
      if (Fields.items(rule, "resources").isEmpty()) {
        errs.add(FieldError.required(p + ".resources",
            "resource rules must supply at least one resource"));
      }
    }
    return errs;
  }
}

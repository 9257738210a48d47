package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.LabelSelectors;
import io.kubling.apiserver.validation.NameRule;
import java.util.ArrayList;
import java.util.List;

/** ClusterRoles: rules as Roles have, plus non-resource URLs and aggregation selectors. */
public final class ClusterRoleStrategy implements Strategy {
  public static final ClusterRoleStrategy INSTANCE = new ClusterRoleStrategy();

  private ClusterRoleStrategy() {}

  @Override
  public NameRule nameRule() {
    return NameRule.PATH_SEGMENT;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>(PolicyRules.validate(obj, false));
    JsonNode aggregation = obj.get("aggregationRule");
    if (aggregation != null && !aggregation.isNull()) {
      String p = "aggregationRule.clusterRoleSelectors";
      List<JsonNode> selectors = Fields.items(aggregation, "clusterRoleSelectors");
      if (selectors.isEmpty()) {
        errs.add(FieldError.required(p,
            "at least one clusterRoleSelector required if aggregationRule is non-nil"));
      }
      for (int i = 0; i < selectors.size(); i++) {
        errs.addAll(LabelSelectors.validate(selectors.get(i), p + "[" + i + "]"));
      }
    }
    return errs;
  }
}

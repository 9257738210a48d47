package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.NameRule;
import java.util.List;

/** rbac.authorization.k8s.io Roles: namespaced rules, each with at least one verb. */
public final class RoleStrategy implements Strategy {
  public static final RoleStrategy INSTANCE = new RoleStrategy();

  private RoleStrategy() {}

  @Override
  public NameRule nameRule() {
    return NameRule.PATH_SEGMENT;
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return PolicyRules.validate(obj, true);
  }
}

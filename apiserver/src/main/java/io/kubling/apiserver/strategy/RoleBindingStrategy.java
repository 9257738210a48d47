package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.NameRule;
import java.util.ArrayList;
import java.util.List;

/** rbac.authorization.k8s.io RoleBindings: a Role or ClusterRole, fixed once bound, granted in one namespace. */
public final class RoleBindingStrategy implements Strategy {
  public static final RoleBindingStrategy INSTANCE = new RoleBindingStrategy();

  private RoleBindingStrategy() {}

  @Override
  public NameRule nameRule() {
    return NameRule.PATH_SEGMENT;
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    RoleBindings.applyDefaults(obj);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return RoleBindings.validate(obj, List.of("Role", "ClusterRole"), true);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validate(obj));
    errs.addAll(RoleBindings.roleRefUnchanged(obj, old));
    return errs;
  }
}

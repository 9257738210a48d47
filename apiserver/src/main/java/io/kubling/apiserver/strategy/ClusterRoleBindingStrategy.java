package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.NameRule;
import java.util.ArrayList;
import java.util.List;

/** ClusterRoleBindings: a ClusterRole, fixed once bound, granted cluster-wide. */
public final class ClusterRoleBindingStrategy implements Strategy {
  public static final ClusterRoleBindingStrategy INSTANCE = new ClusterRoleBindingStrategy();

  private ClusterRoleBindingStrategy() {}

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
    return RoleBindings.validate(obj, List.of("ClusterRole"), false);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validate(obj));
    errs.addAll(RoleBindings.roleRefUnchanged(obj, old));
    return errs;
  }
}

package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.items;
import static io.kubling.apiserver.table.Cells.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RoleBindings and ClusterRoleBindings: Name, Role ({@code ClusterRole/admin}), Age (+ Users,
 * Groups, ServiceAccounts).
 */
final class RoleBindingConvertor implements TableConvertor {
  static final RoleBindingConvertor ROLE_BINDINGS = new RoleBindingConvertor("roleBinding",
      "RoleRef can reference a Role in the current namespace or a ClusterRole in the global"
          + " namespace. If the RoleRef cannot be resolved, the Authorizer must return an error."
          + " This field is immutable.");
  static final RoleBindingConvertor CLUSTER_ROLE_BINDINGS = new RoleBindingConvertor(
      "clusterRoleBinding", "RoleRef can only reference a ClusterRole in the global namespace."
          + " If the RoleRef cannot be resolved, the Authorizer must return an error. This field"
          + " is immutable.");

  private final List<Column> columns;

  private RoleBindingConvertor(String what, String roleRefDoc) {
    columns = List.of(
        Column.NAME,
        Column.string("Role", roleRefDoc),
        Column.AGE,
        Column.wide("Users", "Users in the " + what),
        Column.wide("Groups", "Groups in the " + what),
        Column.wide("ServiceAccounts", "ServiceAccounts in the " + what));
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public List<Object> cells(ObjectNode rb, Instant now) {
    String role = text(rb, "roleRef", "kind") + "/" + text(rb, "roleRef", "name");
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> serviceAccounts = new ArrayList<>();
    // rbac.SubjectsStrings; subjects of other kinds are not shown.
    for (JsonNode s : items(rb, "subjects")) {
      switch (text(s, "kind")) {
        case "ServiceAccount" -> serviceAccounts.add(text(s, "namespace") + "/" + text(s, "name"));
        case "User" -> users.add(text(s, "name"));
        case "Group" -> groups.add(text(s, "name"));
        default -> { }
      }
    }
    return Arrays.asList(Cells.name(rb), role, Cells.age(rb, now), String.join(", ", users),
        String.join(", ", groups), String.join(", ", serviceAccounts));
  }
}

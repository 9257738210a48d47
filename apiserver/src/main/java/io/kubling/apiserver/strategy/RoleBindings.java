package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.GoValue;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/** What RoleBindings and ClusterRoleBindings share: roleRef and subjects. */
final class RoleBindings {
  static final String GROUP = "rbac.authorization.k8s.io";

  private RoleBindings() {}

  /** rbac/v1 defaults: the roleRef's group, and each User or Group subject's group. */
  static void applyDefaults(ObjectNode obj) {
    Fields.defaultText(Json.with(obj, "roleRef"), "apiGroup", GROUP);
    for (ObjectNode subject : Fields.objects(obj, "subjects")) {
      String kind = Fields.str(subject, "kind");
      if (kind.equals("User") || kind.equals("Group")) {
        Fields.defaultText(subject, "apiGroup", GROUP);
      }
    }
  }

  /**
   * roleRef names a Role or ClusterRole of the RBAC group ({@code kinds}); subjects of a
   * cluster-wide binding must say which namespace a ServiceAccount is in.
   */
  static List<FieldError> validate(JsonNode obj, List<String> kinds, boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode ref = obj.path("roleRef");
    String group = Fields.str(ref, "apiGroup");
    if (!group.equals(GROUP)) {
      errs.add(FieldError.notSupported("roleRef.apiGroup", group, List.of(GROUP)));
    }
    String kind = Fields.str(ref, "kind");
    if (!kinds.contains(kind)) {
      errs.add(FieldError.notSupported("roleRef.kind", kind, kinds));
    }
    String name = Fields.str(ref, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required("roleRef.name"));
    } else {
      Names.pathSegmentName(name).forEach(
          m -> errs.add(FieldError.invalid("roleRef.name", name, m)));
    }
    List<JsonNode> subjects = Fields.items(obj, "subjects");
    for (int i = 0; i < subjects.size(); i++) {
      errs.addAll(subject(subjects.get(i), "subjects[" + i + "]", namespaced));
    }
    return errs;
  }

  /** A binding may not be pointed at another role: that would silently change permissions. */
  static List<FieldError> roleRefUnchanged(JsonNode obj, JsonNode old) {
    JsonNode ref = obj.get("roleRef");
    if (Semantic.equal(ref, old.get("roleRef"))) {
      return List.of();
    }
    return List.of(FieldError.invalid("roleRef", GoValue.roleRef(ref), "cannot change roleRef"));
  }

  private static List<FieldError> subject(JsonNode s, String path, boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    String name = Fields.str(s, "name");
    String group = Fields.str(s, "apiGroup");
    if (name.isEmpty()) {
      errs.add(FieldError.required(path + ".name"));
    }
    switch (Fields.str(s, "kind")) {
      case "ServiceAccount" -> {
        if (!name.isEmpty()) {
          Names.dns1123Subdomain(name).forEach(
              m -> errs.add(FieldError.invalid(path + ".name", name, m)));
        }
        if (!group.isEmpty()) {
          errs.add(FieldError.notSupported(path + ".apiGroup", group, List.of("")));
        }
        if (!namespaced && Fields.blank(Fields.text(s, "namespace"))) {
          errs.add(FieldError.required(path + ".namespace"));
        }
      }
      case "User", "Group" -> {
        if (!group.equals(GROUP)) {
          errs.add(FieldError.notSupported(path + ".apiGroup", group, List.of(GROUP)));
        }
      }
      default -> errs.add(FieldError.notSupported(path + ".kind", Fields.str(s, "kind"),
          List.of("ServiceAccount", "User", "Group")));
    }
    return errs;
  }
}

package io.kubling.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.registry.ResourceType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RBAC's escalation prevention: a user may write a Role or ClusterRole only with rules it
 * holds itself (or with the escalate verb), and bind a role only when it holds that role's
 * rules (or has the bind verb on it), so a right to write RBAC objects is no way to more rights.
 */
public final class EscalationCheck {
  static final String GROUP = "rbac.authorization.k8s.io";
  /** What a server without RBAC checks: nothing. */
  public static final EscalationCheck NONE = new EscalationCheck(null, null, null);

  private final Authorizer authorizer;
  private final RuleResolver rules;
  private final RbacAuthorizer rbac;

  private EscalationCheck(Authorizer authorizer, RuleResolver rules, RbacAuthorizer rbac) {
    this.authorizer = authorizer;
    this.rules = rules;
    this.rbac = rbac;
  }

  /** The check for an authorizer chain; NONE when the chain has no RBAC authorizer. */
  public static EscalationCheck of(Authorizer authorizer) {
    if (authorizer instanceof AuthorizerChain chain) {
      for (Authorizer a : chain.authorizers()) {
        if (a instanceof RbacAuthorizer r) {
          return new EscalationCheck(authorizer, RuleResolver.of(authorizer), r);
        }
      }
    }
    return NONE;
  }

  /** Throws 403 when user may not write obj (a role or binding) into namespace. */
  public void check(UserInfo user, ResourceType type, String namespace, JsonNode obj) {
    if (rbac == null || !type.group().equals(GROUP) || user.inGroup(UserInfo.MASTERS)) {
      return;
    }
    String ns = type.namespaced() && namespace != null ? namespace : "";
    String name = Meta.name(obj);
    switch (type.plural()) {
      case "roles", "clusterroles" -> {
        if (allowed(user, "escalate", type.plural(), ns, name)) {
          return;
        }
        refuseUncovered(user, type, ns, name, PolicyRule.all(obj.path("rules")));
      }
      case "rolebindings", "clusterrolebindings" -> {
        String kind = Json.text(obj, "roleRef", "kind");
        String role = Json.text(obj, "roleRef", "name");
        if (kind == null || role == null) {
          return; // validation refuses it
        }
        String roleResource = kind.equals("ClusterRole") ? "clusterroles" : "roles";
        if (allowed(user, "bind", roleResource, ns, role)) {
          return;
        }
        refuseUncovered(user, type, ns, name, rbac.roleRules(kind, ns, role));
      }
      default -> { }
    }
  }

  private boolean allowed(UserInfo user, String verb, String resource, String ns, String name) {
    return authorizer.authorize(Attributes.resource(user, verb, GROUP, "v1", resource, "", ns,
        name == null ? "" : name)).allowed();
  }

  private void refuseUncovered(UserInfo user, ResourceType type, String ns, String name,
      List<PolicyRule> requested) {
    boolean[] incomplete = {false};
    List<PolicyRule> owner = rules.rulesFor(user, ns, incomplete);
    List<PolicyRule> missing = Coverage.uncovered(owner, requested);
    if (missing.isEmpty()) {
      return;
    }
    String groups = user.groups().stream().map(g -> "\"" + g + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
    String list = missing.stream().map(EscalationCheck::describe)
        .collect(Collectors.joining("\n"));
    throw ApiException.forbidden(type.plural(), type.group(), name, "user \"" + user.name()
        + "\" (groups=" + groups + ") is attempting to grant RBAC permissions not currently"
        + " held:\n" + list);
  }

  /** As Kubernetes prints a rule: {APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}. */
  static String describe(PolicyRule r) {
    StringBuilder b = new StringBuilder("{");
    if (!r.nonResourceURLs().isEmpty()) {
      b.append("NonResourceURLs:").append(quoted(r.nonResourceURLs()));
    } else {
      b.append("APIGroups:").append(quoted(r.apiGroups())).append(", Resources:")
          .append(quoted(r.resources()));
      if (!r.resourceNames().isEmpty()) {
        b.append(", ResourceNames:").append(quoted(r.resourceNames()));
      }
    }
    return b.append(", Verbs:").append(quoted(r.verbs())).append("}").toString();
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(" ", "[", "]"));
  }
}

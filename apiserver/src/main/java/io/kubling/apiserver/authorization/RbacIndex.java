package io.kubling.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.selection.LabelSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roles, ClusterRoles and their bindings arranged for lookup by subject: built (a pure
 * function of the four object lists) whenever any of them changes, then only read.
 */
public final class RbacIndex {
  static final RbacIndex EMPTY = build(List.of(), List.of(), List.of(), List.of());

  /** One binding of one subject to a role's rules, with what Kubernetes logs about it. */
  record Grant(String bindingKind, String bindingName, String bindingNamespace, String roleKind,
      String roleName, String subject) {
    String describe() {
      String binding = bindingNamespace.isEmpty() ? bindingKind + " \"" + bindingName + "\""
          : bindingKind + " \"" + bindingName + "/" + bindingNamespace + "\"";
      return "RBAC: allowed by " + binding + " of " + roleKind + " \"" + roleName + "\" to "
          + subject;
    }
  }

  private final Map<String, List<PolicyRule>> clusterRoles;
  private final Map<String, List<PolicyRule>> roles;
  /** subject key → cluster-wide grants. */
  private final Map<String, List<Grant>> clusterGrants;
  /** namespace → subject key → grants in that namespace. */
  private final Map<String, Map<String, List<Grant>>> namespaceGrants;

  private RbacIndex(Map<String, List<PolicyRule>> clusterRoles,
      Map<String, List<PolicyRule>> roles, Map<String, List<Grant>> clusterGrants,
      Map<String, Map<String, List<Grant>>> namespaceGrants) {
    this.clusterRoles = clusterRoles;
    this.roles = roles;
    this.clusterGrants = clusterGrants;
    this.namespaceGrants = namespaceGrants;
  }

  /** Builds the index from the objects as stored (JSON), aggregating ClusterRoles. */
  public static RbacIndex build(Collection<? extends JsonNode> roleObjects,
      Collection<? extends JsonNode> clusterRoleObjects,
      Collection<? extends JsonNode> roleBindings,
      Collection<? extends JsonNode> clusterRoleBindings) {
    Map<String, List<PolicyRule>> roles = new HashMap<>();
    for (JsonNode r : roleObjects) {
      roles.put(Meta.namespace(r) + "/" + Meta.name(r), PolicyRule.all(r.path("rules")));
    }
    Map<String, List<PolicyRule>> clusterRoles = aggregate(clusterRoleObjects);
    Map<String, List<Grant>> clusterGrants = new HashMap<>();
    for (JsonNode b : clusterRoleBindings) {
      addGrants(b, "ClusterRoleBinding", "", clusterGrants);
    }
    Map<String, Map<String, List<Grant>>> namespaceGrants = new HashMap<>();
    for (JsonNode b : roleBindings) {
      String ns = Meta.namespace(b);
      addGrants(b, "RoleBinding", ns, namespaceGrants.computeIfAbsent(ns, k -> new HashMap<>()));
    }
    return new RbacIndex(clusterRoles, roles, clusterGrants, namespaceGrants);
  }

  private static void addGrants(JsonNode binding, String kind, String namespace,
      Map<String, List<Grant>> into) {
    String roleKind = Json.text(binding, "roleRef", "kind");
    String roleName = Json.text(binding, "roleRef", "name");
    if (roleKind == null || roleName == null) {
      return;
    }
    for (JsonNode s : binding.path("subjects")) {
      String key = subjectKey(s, namespace);
      if (key != null) {
        into.computeIfAbsent(key, k -> new ArrayList<>()).add(new Grant(kind,
            Meta.name(binding), namespace, roleKind, roleName, describe(s, namespace)));
      }
    }
  }

  /**
   * "User:alice", "Group:system:nodes"; a ServiceAccount subject is the user
   * system:serviceaccount:ns:name (its namespace defaults to the binding's).
   */
  static String subjectKey(JsonNode subject, String bindingNamespace) {
    String kind = subject.path("kind").asText("");
    String name = subject.path("name").asText("");
    return switch (kind) {
      case "User" -> "User:" + name;
      case "Group" -> "Group:" + name;
      case "ServiceAccount" -> {
        String ns = subject.path("namespace").asText("");
        yield "User:" + serviceAccountUser(ns.isEmpty() ? bindingNamespace : ns, name);
      }
      default -> null;
    };
  }

  public static String serviceAccountUser(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  private static String describe(JsonNode s, String bindingNamespace) {
    String kind = s.path("kind").asText("");
    String name = s.path("name").asText("");
    if (kind.equals("ServiceAccount")) {
      String ns = s.path("namespace").asText("");
      return "ServiceAccount \"" + (ns.isEmpty() ? bindingNamespace : ns) + "/" + name + "\"";
    }
    return kind + " \"" + name + "\"";
  }

  /**
   * Each ClusterRole's rules plus, with an aggregationRule, the rules of every ClusterRole
   * its selectors match, transitively (admin gathers edit, which gathers view), as the
   * clusterrole-aggregation controller would have written them.
   */
  static Map<String, List<PolicyRule>> aggregate(Collection<? extends JsonNode> objects) {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode o : objects) {
      byName.put(Meta.name(o), o);
    }
    Map<String, List<PolicyRule>> out = new HashMap<>();
    for (String name : byName.keySet()) {
      Set<PolicyRule> rules = new LinkedHashSet<>();
      collect(name, byName, new HashSet<>(), rules);
      out.put(name, List.copyOf(rules));
    }
    return out;
  }

  private static void collect(String name, Map<String, JsonNode> byName, Set<String> seen,
      Set<PolicyRule> into) {
    JsonNode role = byName.get(name);
    if (role == null || !seen.add(name)) {
      return;
    }
    into.addAll(PolicyRule.all(role.path("rules")));
    JsonNode selectors = Json.at(role, "aggregationRule", "clusterRoleSelectors");
    if (selectors == null || !selectors.isArray()) {
      return;
    }
    for (JsonNode sel : selectors) {
      LabelSelector selector;
      try {
        selector = LabelSelector.fromJson(sel);
      } catch (IllegalArgumentException e) {
        continue; // validation should have refused it; a bad selector selects nothing
      }
      for (Map.Entry<String, JsonNode> e : byName.entrySet()) {
        if (!e.getKey().equals(name) && selector.matches(Meta.labels(e.getValue()))) {
          collect(e.getKey(), byName, seen, into);
        }
      }
    }
  }

  /** The subject keys a user answers to: its name and each of its groups. */
  static List<String> keys(UserInfo user) {
    List<String> out = new ArrayList<>(user.groups().size() + 1);
    out.add("User:" + user.name());
    for (String g : user.groups()) {
      out.add("Group:" + g);
    }
    return out;
  }

  /** The grant that allows the request, or null when none does. */
  Grant allowing(Attributes a) {
    for (String key : keys(a.user())) {
      for (Grant g : clusterGrants.getOrDefault(key, List.of())) {
        if (RuleMatching.anyAllows(a, rules(g))) {
          return g;
        }
      }
    }
    if (a.resourceRequest() && !a.namespace().isEmpty()) {
      Map<String, List<Grant>> ns = namespaceGrants.getOrDefault(a.namespace(), Map.of());
      for (String key : keys(a.user())) {
        for (Grant g : ns.getOrDefault(key, List.of())) {
          if (RuleMatching.anyAllows(a, rules(g))) {
            return g;
          }
        }
      }
    }
    return null;
  }

  /** Every rule that applies to the user in a namespace (cluster-wide ones included). */
  public List<PolicyRule> rulesFor(UserInfo user, String namespace) {
    Set<PolicyRule> out = new LinkedHashSet<>();
    for (String key : keys(user)) {
      clusterGrants.getOrDefault(key, List.of()).forEach(g -> out.addAll(rules(g)));
      if (namespace != null && !namespace.isEmpty()) {
        namespaceGrants.getOrDefault(namespace, Map.of()).getOrDefault(key, List.of())
            .forEach(g -> out.addAll(rules(g)));
      }
    }
    return List.copyOf(out);
  }

  List<PolicyRule> roleRules(String kind, String namespace, String name) {
    if (kind.equals("ClusterRole")) {
      return clusterRoles.getOrDefault(name, List.of());
    }
    return roles.getOrDefault(namespace + "/" + name, List.of());
  }

  private List<PolicyRule> rules(Grant g) {
    if (g.roleKind().equals("ClusterRole")) {
      return clusterRoles.getOrDefault(g.roleName(), List.of());
    }
    if (g.roleKind().equals("Role") && !g.bindingNamespace().isEmpty()) {
      return roles.getOrDefault(g.bindingNamespace() + "/" + g.roleName(), List.of());
    }
    return List.of();
  }
}

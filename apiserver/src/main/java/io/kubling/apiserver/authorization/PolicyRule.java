package io.kubling.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a Role or ClusterRole, as rbac.authorization.k8s.io/v1 PolicyRule: the verbs it
 * grants on the resources (and names) of some API groups, or on non-resource URLs.
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
    List<String> resourceNames, List<String> nonResourceURLs) {

  public PolicyRule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  /** A resource rule, e.g. {@code resources(List.of("get"), List.of(""), List.of("pods"))}. */
  public static PolicyRule resources(List<String> verbs, List<String> apiGroups,
      List<String> resources) {
    return new PolicyRule(verbs, apiGroups, resources, List.of(), List.of());
  }

  public static PolicyRule urls(List<String> verbs, List<String> urls) {
    return new PolicyRule(verbs, List.of(), List.of(), List.of(), urls);
  }

  /** Reads a rule from its JSON; absent lists are empty. */
  public static PolicyRule from(JsonNode rule) {
    return new PolicyRule(strings(rule.path("verbs")), strings(rule.path("apiGroups")),
        strings(rule.path("resources")), strings(rule.path("resourceNames")),
        strings(rule.path("nonResourceURLs")));
  }

  /** Reads every rule of a role's {@code rules}. */
  public static List<PolicyRule> all(JsonNode rules) {
    List<PolicyRule> out = new ArrayList<>();
    if (rules.isArray()) {
      rules.forEach(r -> out.add(from(r)));
    }
    return out;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(s -> out.add(s.asText()));
    }
    return out;
  }
}

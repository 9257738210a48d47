package io.kubling.apiserver.authorization;

import java.util.List;

/**
 * Whether a {@link PolicyRule} covers a request, as Kubernetes' rbac.RuleAllows: pure functions
 * of the rule and the request's {@link Attributes}.
 */
public final class RuleMatching {
  private static final String ALL = "*";

  private RuleMatching() {}

  public static boolean allows(Attributes a, PolicyRule rule) {
    if (a.resourceRequest()) {
      String combined = a.subresource().isEmpty() ? a.resource()
          : a.resource() + "/" + a.subresource();
      return verbMatches(rule, a.verb())
          && apiGroupMatches(rule, a.apiGroup())
          && resourceMatches(rule, combined, a.subresource())
          && resourceNameMatches(rule, a.name());
    }
    return verbMatches(rule, a.verb()) && nonResourceURLMatches(rule, a.path());
  }

  /** Any rule of the list covers the request. */
  public static boolean anyAllows(Attributes a, List<PolicyRule> rules) {
    for (PolicyRule r : rules) {
      if (allows(a, r)) {
        return true;
      }
    }
    return false;
  }

  static boolean verbMatches(PolicyRule rule, String verb) {
    return rule.verbs().contains(ALL) || rule.verbs().contains(verb);
  }

  static boolean apiGroupMatches(PolicyRule rule, String group) {
    return rule.apiGroups().contains(ALL) || rule.apiGroups().contains(group);
  }

  /**
   * {@code *} covers everything, {@code pods} only pods itself (not its subresources),
   * {@code pods/log} that subresource, {@code *}{@code /scale} that subresource of any resource.
   *
   * @param combined {@code resource} or {@code resource/subresource}
   */
  static boolean resourceMatches(PolicyRule rule, String combined, String subresource) {
    for (String r : rule.resources()) {
      if (r.equals(ALL) || r.equals(combined)) {
        return true;
      }
      if (!subresource.isEmpty() && r.equals("*/" + subresource)) {
        return true;
      }
    }
    return false;
  }

  /** No resourceNames covers every name; otherwise the request must name one of them. */
  static boolean resourceNameMatches(PolicyRule rule, String name) {
    if (rule.resourceNames().isEmpty()) {
      return true;
    }
    return rule.resourceNames().contains(name);
  }

  /** {@code *} covers every path, {@code /apis/*} every path under /apis/, else exact. */
  static boolean nonResourceURLMatches(PolicyRule rule, String path) {
    for (String u : rule.nonResourceURLs()) {
      if (u.equals(ALL) || u.equals(path)) {
        return true;
      }
      if (u.endsWith(ALL) && path.startsWith(u.substring(0, u.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}

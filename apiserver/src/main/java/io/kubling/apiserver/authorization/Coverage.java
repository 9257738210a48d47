package io.kubling.apiserver.authorization;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether one set of rules covers another, as Kubernetes' validation.Covers: every verb,
 * group, resource and name (or URL) a requested rule names, taken one at a time, must be
 * allowed by some owner rule. {@code *} is covered only by {@code *}.
 */
public final class Coverage {
  private Coverage() {}

  /** The requested rules, broken into single grants, that the owner's rules do not cover. */
  public static List<PolicyRule> uncovered(List<PolicyRule> owner, List<PolicyRule> requested) {
    List<PolicyRule> out = new ArrayList<>();
    for (PolicyRule r : requested) {
      for (PolicyRule atom : atoms(r)) {
        if (!covered(owner, atom)) {
          out.add(atom);
        }
      }
    }
    return out;
  }

  static List<PolicyRule> atoms(PolicyRule r) {
    List<PolicyRule> out = new ArrayList<>();
    for (String verb : r.verbs()) {
      for (String url : r.nonResourceURLs()) {
        out.add(PolicyRule.urls(List.of(verb), List.of(url)));
      }
      for (String group : r.apiGroups()) {
        for (String resource : r.resources()) {
          if (r.resourceNames().isEmpty()) {
            out.add(PolicyRule.resources(List.of(verb), List.of(group), List.of(resource)));
          }
          for (String name : r.resourceNames()) {
            out.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource),
                List.of(name), List.of()));
          }
        }
      }
    }
    return out;
  }

  private static boolean covered(List<PolicyRule> owner, PolicyRule atom) {
    String verb = atom.verbs().get(0);
    for (PolicyRule o : owner) {
      if (!RuleMatching.verbMatches(o, verb)) {
        continue;
      }
      if (!atom.nonResourceURLs().isEmpty()) {
        if (RuleMatching.nonResourceURLMatches(o, atom.nonResourceURLs().get(0))) {
          return true;
        }
        continue;
      }
      String resource = atom.resources().get(0);
      int slash = resource.indexOf('/');
      String sub = slash < 0 ? "" : resource.substring(slash + 1);
      String name = atom.resourceNames().isEmpty() ? "" : atom.resourceNames().get(0);
      if (RuleMatching.apiGroupMatches(o, atom.apiGroups().get(0))
          && RuleMatching.resourceMatches(o, resource, sub)
          && RuleMatching.resourceNameMatches(o, name)) {
        return true;
      }
    }
    return false;
  }
}

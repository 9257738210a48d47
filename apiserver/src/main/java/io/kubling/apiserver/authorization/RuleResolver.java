package io.kubling.apiserver.authorization;

import io.kubling.apiserver.authentication.UserInfo;
import java.util.List;

/**
 * Lists the rules that apply to a user in a namespace, as Kubernetes' RuleResolver does for
 * SelfSubjectRulesReview.
 */
public interface RuleResolver {
  /** @param incomplete set to true by resolvers that cannot list everything they would allow */
  List<PolicyRule> rulesFor(UserInfo user, String namespace, boolean[] incomplete);

  /** The resolver of an authorizer (chain), or one that knows no rules. */
  static RuleResolver of(Authorizer authorizer) {
    if (authorizer instanceof RuleResolver r) {
      return r;
    }
    if (authorizer == Authorizer.ALWAYS_ALLOW) {
      return (user, ns, incomplete) -> List.of(
          PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")),
          PolicyRule.urls(List.of("*"), List.of("*")));
    }
    return (user, ns, incomplete) -> {
      incomplete[0] = true;
      return List.of();
    };
  }
}

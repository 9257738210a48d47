package io.kubling.apiserver.authorization;

import io.kubling.apiserver.authentication.UserInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The --authorization-mode authorizers in order, as Kubernetes' union authorizer: the first
 * ALLOW or DENY decides; when every one has no opinion the request is denied, with the last
 * reason given. Members of system:masters are allowed before any of them is asked.
 */
final class AuthorizerChain implements Authorizer, RuleResolver {
  private final List<Authorizer> authorizers;

  AuthorizerChain(List<Authorizer> authorizers) {
    this.authorizers = List.copyOf(authorizers);
  }

  List<Authorizer> authorizers() {
    return authorizers;
  }

  @Override
  public Decision authorize(Attributes a) {
    if (a.user() != null && a.user().inGroup(UserInfo.MASTERS)) {
      return Decision.allow("the user is in group " + UserInfo.MASTERS);
    }
    String reason = "";
    for (Authorizer z : authorizers) {
      Decision d = z.authorize(a);
      if (d.kind() != Decision.Kind.NO_OPINION) {
        return d;
      }
      if (!d.reason().isEmpty()) {
        reason = d.reason();
      }
    }
    return Decision.deny(reason);
  }

  @Override
  public List<PolicyRule> rulesFor(UserInfo user, String namespace, boolean[] incomplete) {
    if (user.inGroup(UserInfo.MASTERS)) {
      return RuleResolver.of(Authorizer.ALWAYS_ALLOW).rulesFor(user, namespace, incomplete);
    }
    List<PolicyRule> out = new ArrayList<>();
    for (Authorizer z : authorizers) {
      out.addAll(RuleResolver.of(z).rulesFor(user, namespace, incomplete));
    }
    return out;
  }
}

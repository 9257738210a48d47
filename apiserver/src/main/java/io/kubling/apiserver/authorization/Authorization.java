package io.kubling.apiserver.authorization;

import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.registry.ResourceStore;

/** Builds the API server's authorizer chain from --authorization-mode. */
public final class Authorization {
  private Authorization() {}

  public static Authorizer create(ServingSecurity security, ResourceStore store) {
    if (security.authorizationModes().equals(java.util.List.of("AlwaysAllow"))) {
      return Authorizer.ALWAYS_ALLOW;
    }
    // TODO(security-rbac): Node and RBAC, in the order given, with a decision cache.
    throw new IllegalArgumentException("authorization modes "
        + security.authorizationModes() + " are not built yet");
  }
}

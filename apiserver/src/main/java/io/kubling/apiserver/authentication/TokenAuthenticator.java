package io.kubling.apiserver.authentication;

import java.util.Optional;

/**
 * One way to tell who a bearer token belongs to (static token file, ServiceAccount JWT).
 *
 * <p>Empty when the token is not of this kind or not known to it, so the next one gets a
 * go; a token no authenticator takes is a 401. Never throws for malformed input.
 */
@FunctionalInterface
public interface TokenAuthenticator {
  Optional<UserInfo> authenticate(String token);

  /** The first of these that knows the token, as Kubernetes' token union does. */
  static TokenAuthenticator union(java.util.List<TokenAuthenticator> all) {
    java.util.List<TokenAuthenticator> copy = java.util.List.copyOf(all);
    return token -> {
      for (TokenAuthenticator a : copy) {
        Optional<UserInfo> user = a.authenticate(token);
        if (user.isPresent()) {
          return user;
        }
      }
      return Optional.empty();
    };
  }
}

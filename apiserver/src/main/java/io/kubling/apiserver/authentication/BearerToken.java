package io.kubling.apiserver.authentication;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The request authenticator for {@code Authorization: Bearer <token>}: a header that names a
 * bearer token no token authenticator accepts is a 401, even where anonymous requests are
 * allowed (as Kubernetes: a client that sent credentials must not silently become anonymous).
 */
final class BearerToken implements Authenticator {
  private final TokenAuthenticator tokens;

  BearerToken(TokenAuthenticator tokens) {
    this.tokens = tokens;
  }

  /**
   * The token of an Authorization header, or null when it carries none: as Kubernetes reads
   * it, "Bearer" with no token (or an empty one) is no credential at all.
   */
  static String token(String header) {
    if (header == null) {
      return null;
    }
    String[] parts = header.trim().split(" ", 3);
    if (parts.length < 2 || !parts[0].equalsIgnoreCase("bearer") || parts[1].isEmpty()) {
      return null;
    }
    return parts[1];
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerRequest request) {
    String token = token(request.getHeader("Authorization"));
    if (token == null) {
      return Optional.empty();
    }
    return Optional.of(tokens.authenticate(token)
        .orElseThrow(() -> new Unauthorized("invalid bearer token")));
  }
}

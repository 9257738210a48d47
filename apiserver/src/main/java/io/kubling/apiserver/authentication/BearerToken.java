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

  /** The token of an Authorization header, or null when it carries no bearer token. */
  static String token(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.length() < 7 || !h.regionMatches(true, 0, "bearer ", 0, 7)) {
      return null;
    }
    return h.substring(7).trim();
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerRequest request) {
    String token = token(request.getHeader("Authorization"));
    if (token == null) {
      return Optional.empty();
    }
    if (token.isEmpty()) {
      throw new Unauthorized("empty bearer token");
    }
    return Optional.of(tokens.authenticate(token)
        .orElseThrow(() -> new Unauthorized("invalid bearer token")));
  }
}

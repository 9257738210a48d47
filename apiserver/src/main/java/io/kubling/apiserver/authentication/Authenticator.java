package io.kubling.apiserver.authentication;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * One way to tell who sent a request (client certificate, bearer token, ...).
 *
 * <p>Empty when the request carries no credentials of this kind, so the next authenticator
 * gets a go; {@link Unauthorized} when it carries credentials of this kind that are not
 * valid (the client then gets 401, whatever other authenticators would say, as Kubernetes'
 * union authenticator does). Never throws anything else for malformed input.
 */
@FunctionalInterface
public interface Authenticator {
  Optional<UserInfo> authenticate(HttpServerRequest request);

  /** Bad credentials. The message is logged, never sent: a 401 says nothing about why. */
  final class Unauthorized extends RuntimeException {
    public Unauthorized(String why) {
      super(why, null, false, false);
    }
  }
}

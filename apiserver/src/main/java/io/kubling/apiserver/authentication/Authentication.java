package io.kubling.apiserver.authentication;

import io.kubling.apiserver.ServingSecurity;
import java.util.Optional;

/** Builds the API server's authenticator from its {@link ServingSecurity}. */
public final class Authentication {
  private Authentication() {}

  public static Authenticator create(ServingSecurity security) {
    if (!security.authenticates()) {
      return request -> Optional.of(UserInfo.UNSECURED);
    }
    // TODO(security-authn): client certificates, static tokens, ServiceAccount tokens,
    // then anonymous when security.anonymousAuth().
    throw new IllegalArgumentException("authentication is not built yet");
  }
}

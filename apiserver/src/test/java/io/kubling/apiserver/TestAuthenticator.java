package io.kubling.apiserver;

import io.kubling.apiserver.authentication.Authenticator;
import io.kubling.apiserver.authentication.UserInfo;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test code only: an authenticator that believes what the request says. A bearer token
 * {@code user=dev-user;groups=a,b} (what a kubeconfig's {@code token:} or kubectl's
 * {@code --token} sends) or the headers {@code X-Test-User} / {@code X-Test-Groups} name the
 * user, who also gets system:authenticated; no credentials is system:anonymous.
 */
public final class TestAuthenticator implements Authenticator {
  public static final TestAuthenticator INSTANCE = new TestAuthenticator();

  /** The bearer token that authenticates as this user. */
  public static String token(String user, String... groups) {
    return "user=" + user + (groups.length == 0 ? "" : ";groups=" + String.join(",", groups));
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerRequest request) {
    String auth = request.getHeader("Authorization");
    String user = request.getHeader("X-Test-User");
    String groups = request.getHeader("X-Test-Groups");
    if (auth != null && auth.startsWith("Bearer ")) {
      for (String part : auth.substring("Bearer ".length()).trim().split(";")) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw new Unauthorized("a test token is user=<name>[;groups=<g1,g2>]");
        }
        String value = part.substring(eq + 1);
        switch (part.substring(0, eq)) {
          case "user" -> user = value;
          case "groups" -> groups = value;
          default -> throw new Unauthorized("unknown test token part " + part);
        }
      }
    }
    if (user == null || user.isEmpty()) {
      return Optional.of(UserInfo.ANONYMOUS);
    }
    List<String> all = new ArrayList<>();
    if (groups != null && !groups.isEmpty()) {
      all.addAll(List.of(groups.split(",")));
    }
    all.add(UserInfo.ALL_AUTHENTICATED);
    return Optional.of(new UserInfo(user, "", all, Map.of()));
  }
}

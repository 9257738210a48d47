package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.authentication.TokenAuthenticator;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * authentication.k8s.io/v1's create-only, never stored resources: TokenReview (who a bearer
 * token authenticates as, for webhooks and proxies) and SelfSubjectReview (who the caller
 * is, {@code kubectl auth whoami}).
 */
final class AuthenticationReviews {
  static final String GROUP = "authentication.k8s.io";
  static final String VERSION = "v1";
  static final String PREFIX = "/apis/" + GROUP + "/" + VERSION + "/";

  /** What discovery lists for this group version. */
  static final List<CreateOnlyResource> RESOURCES = List.of(
      new CreateOnlyResource(GROUP, VERSION, "tokenreviews", "TokenReview"),
      new CreateOnlyResource(GROUP, VERSION, "selfsubjectreviews", "SelfSubjectReview"));

  private final TokenAuthenticator tokens;

  AuthenticationReviews(TokenAuthenticator tokens) {
    this.tokens = tokens;
  }

  void register(Router r) {
    r.post(PREFIX + "tokenreviews").handler(this::tokenReview);
    r.post(PREFIX + "selfsubjectreviews").handler(this::selfSubjectReview);
    for (CreateOnlyResource c : RESOURCES) {
      r.route(PREFIX + c.plural()).handler(CreateOnlyResource::methodNotAllowed);
      r.route(PREFIX + c.plural() + "/*").handler(CreateOnlyResource::methodNotAllowed);
    }
  }

  private void tokenReview(RoutingContext ctx) {
    try {
      ObjectNode review = CreateOnlyResource.body(ctx, RESOURCES.get(0));
      String token = review.path("spec").path("token").asText("");
      if (token.isEmpty()) {
        throw ApiException.badRequest("token is required for TokenReview in authentication");
      }
      Optional<UserInfo> user;
      try {
        user = tokens.authenticate(token);
      } catch (RuntimeException e) {
        user = Optional.empty(); // a malformed token is simply not authenticated
      }
      ObjectNode status = review.putObject("status");
      status.put("authenticated", user.isPresent());
      if (user.isPresent()) {
        status.set("user", userInfo(user.get()));
        // The audiences the token was checked for: the ones asked for, else the API's.
        if (review.path("spec").path("audiences").size() > 0) {
          status.set("audiences", review.path("spec").path("audiences").deepCopy());
        }
      } else {
        status.putObject("user");
        status.put("error", "invalid bearer token");
      }
      Responses.json(ctx, 201, review);
    } catch (RuntimeException e) {
      Responses.fail(ctx, e);
    }
  }

  private void selfSubjectReview(RoutingContext ctx) {
    try {
      ObjectNode review = CreateOnlyResource.body(ctx, RESOURCES.get(1));
      review.with("metadata").put("creationTimestamp",
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      review.putObject("status").set("userInfo", userInfo(SecurityFilter.user(ctx)));
      Responses.json(ctx, 201, review);
    } catch (RuntimeException e) {
      Responses.fail(ctx, e);
    }
  }

  /** authentication.k8s.io/v1 UserInfo; empty fields left out, as Go's omitempty does. */
  static ObjectNode userInfo(UserInfo u) {
    ObjectNode n = Json.object();
    n.put("username", u.name());
    if (!u.uid().isEmpty()) {
      n.put("uid", u.uid());
    }
    if (!u.groups().isEmpty()) {
      u.groups().forEach(n.putArray("groups")::add);
    }
    if (!u.extra().isEmpty()) {
      ObjectNode extra = n.putObject("extra");
      u.extra().forEach((k, v) -> v.forEach(extra.putArray(k)::add));
    }
    return n;
  }
}

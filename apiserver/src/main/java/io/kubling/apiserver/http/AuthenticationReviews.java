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
  private final List<String> apiAudiences;

  AuthenticationReviews(TokenAuthenticator tokens, List<String> apiAudiences) {
    this.tokens = tokens;
    this.apiAudiences = List.copyOf(apiAudiences);
  }

  /**
   * The audiences a review may be answered for: the API's own when it names none, else
   * those of its spec.audiences the API's tokens are for (as Kubernetes' audience-agnostic
   * authenticators: a token of this server is only good for this server's audiences).
   */
  List<String> audiences(ObjectNode spec) {
    List<String> asked = new java.util.ArrayList<>();
    spec.path("audiences").forEach(a -> asked.add(a.asText()));
    return asked.isEmpty() ? apiAudiences
        : asked.stream().filter(apiAudiences::contains).toList();
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
      List<String> audiences = audiences((ObjectNode) review.path("spec"));
      Optional<UserInfo> user = Optional.empty();
      try {
        if (!audiences.isEmpty()) {
          user = tokens.authenticate(token);
        }
      } catch (RuntimeException e) {
        user = Optional.empty(); // a malformed token is simply not authenticated
      }
      ObjectNode status = review.putObject("status");
      status.put("authenticated", user.isPresent());
      if (user.isPresent()) {
        status.set("user", userInfo(user.get()));
        audiences.forEach(status.putArray("audiences")::add);
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

package io.kubling.apiserver.http;

import io.kubling.apiserver.authentication.Authenticator;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.authorization.Attributes;
import io.kubling.apiserver.authorization.Authorizer;
import io.kubling.apiserver.authorization.Decision;
import io.kubling.apiserver.errors.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request, in Kubernetes' filter order: authentication (401),
 * impersonation, then authorization (403). Later handlers find the user with {@link #user}.
 */
public final class SecurityFilter implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(SecurityFilter.class);
  private static final String USER = "kubling.user";

  /**
   * Turns the authenticated user into the one it asks to act as (Impersonate-* headers),
   * checking the impersonate verb with the authorizer; returns the user unchanged when the
   * request has no such headers. Throws an ApiException (403) when it may not.
   */
  public interface Impersonation extends BiFunction<RoutingContext, UserInfo, UserInfo> {
    Impersonation NONE = (ctx, user) -> user;
  }

  private final Authenticator authenticator;
  private final Impersonation impersonation;
  private final Authorizer authorizer;

  public SecurityFilter(Authenticator authenticator, Impersonation impersonation,
      Authorizer authorizer) {
    this.authenticator = authenticator;
    this.impersonation = impersonation;
    this.authorizer = authorizer;
  }

  /** The authorizer chain, which access reviews ask too. */
  public Authorizer authorizer() {
    return authorizer;
  }

  /** The user a request was authenticated (and maybe impersonated) as. */
  public static UserInfo user(RoutingContext ctx) {
    UserInfo user = ctx.get(USER);
    return user == null ? UserInfo.UNSECURED : user;
  }

  @Override
  public void handle(RoutingContext ctx) {
    UserInfo user;
    try {
      user = authenticator.authenticate(ctx.request()).orElse(null);
    } catch (Authenticator.Unauthorized e) {
      log.atDebug().addKeyValue("why", e.getMessage()).log("authentication failed");
      user = null;
    } catch (RuntimeException e) {
      // A malformed certificate or token must never take the handler down.
      log.atWarn().addKeyValue("error", e.toString()).log("authenticator failed");
      user = null;
    }
    if (user == null) {
      Responses.fail(ctx, unauthorized());
      return;
    }
    try {
      user = impersonation.apply(ctx, user);
      // AlwaysAllow (tests, benchmarks) needs no attributes to say yes.
      if (authorizer != Authorizer.ALWAYS_ALLOW) {
        Attributes attributes = RequestAttributes.of(ctx, user);
        Decision decision = authorizer.authorize(attributes);
        if (!decision.allowed()) {
          Responses.fail(ctx, Forbidden.of(attributes, decision.reason()));
          return;
        }
      }
    } catch (RuntimeException e) {
      Responses.fail(ctx, e);
      return;
    }
    ctx.put(USER, user);
    ctx.next();
  }

  static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null, null, null, null, null);
  }
}

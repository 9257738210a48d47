package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.authorization.Attributes;
import io.kubling.apiserver.authorization.Authorizer;
import io.kubling.apiserver.authorization.Decision;
import io.kubling.apiserver.authorization.PolicyRule;
import io.kubling.apiserver.authorization.RuleResolver;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview, SubjectAccessReview,
 * LocalSubjectAccessReview and SelfSubjectRulesReview: create-only questions to the
 * authorizer, answered in the returned object's status and never stored. {@code kubectl auth
 * can-i} asks them.
 */
final class AccessReviewHandlers {
  static final String GROUP = "authorization.k8s.io";
  static final String API_VERSION = GROUP + "/v1";
  private static final String BASE = "/apis/" + API_VERSION;

  private final Authorizer authorizer;
  private final RuleResolver rules;

  AccessReviewHandlers(Authorizer authorizer) {
    this.authorizer = authorizer;
    this.rules = RuleResolver.of(authorizer);
  }

  void register(Router r) {
    r.post(BASE + "/selfsubjectaccessreviews").handler(ctx -> answer(ctx,
        "SelfSubjectAccessReview", body -> access(SecurityFilter.user(ctx), body, null)));
    r.post(BASE + "/subjectaccessreviews").handler(ctx -> answer(ctx, "SubjectAccessReview",
        body -> access(subject(body), body, null)));
    r.post(BASE + "/namespaces/:namespace/localsubjectaccessreviews").handler(ctx -> answer(ctx,
        "LocalSubjectAccessReview",
        body -> access(subject(body), body, ctx.pathParam("namespace"))));
    r.post(BASE + "/selfsubjectrulesreviews").handler(ctx -> answer(ctx,
        "SelfSubjectRulesReview", body -> rules(SecurityFilter.user(ctx), body)));
    for (String p : List.of("/selfsubjectaccessreviews", "/subjectaccessreviews",
        "/namespaces/:namespace/localsubjectaccessreviews", "/selfsubjectrulesreviews")) {
      r.route(BASE + p).handler(ctx -> Responses.fail(ctx, ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource")));
    }
  }

  private interface Review {
    ObjectNode status(ObjectNode body);
  }

  private static void answer(RoutingContext ctx, String kind, Review review) {
    try {
      ObjectNode body = Bodies.object(ctx);
      String apiVersion = body.path("apiVersion").asText("");
      String bodyKind = body.path("kind").asText("");
      if (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION)
          || !bodyKind.isEmpty() && !bodyKind.equals(kind)) {
        throw ApiException.badRequest("expected " + API_VERSION + " " + kind + ", got "
            + apiVersion + " " + bodyKind);
      }
      ObjectNode status = review.status(body);
      ObjectNode out = Json.object();
      out.put("kind", kind);
      out.put("apiVersion", API_VERSION);
      ObjectNode meta = out.putObject("metadata");
      meta.putNull("creationTimestamp");
      JsonNode given = body.path("metadata");
      if (given.isObject()) {
        given.fields().forEachRemaining(e -> meta.set(e.getKey(), e.getValue()));
      }
      out.set("spec", body.path("spec").isObject() ? body.get("spec") : Json.object());
      out.set("status", status);
      Responses.json(ctx, 201, out);
    } catch (RuntimeException e) {
      Responses.fail(ctx, e);
    }
  }

  /** The user a SubjectAccessReview asks about: spec.user, groups, uid and extra. */
  private static UserInfo subject(ObjectNode body) {
    JsonNode spec = body.path("spec");
    String user = spec.path("user").asText("");
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(g -> groups.add(g.asText()));
    if (user.isEmpty() && groups.isEmpty()) {
      throw invalid("SubjectAccessReview", FieldError.invalid("spec.user", "",
          "at least one of user or group must be specified"));
    }
    Map<String, List<String>> extra = new HashMap<>();
    spec.path("extra").fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      extra.put(e.getKey(), values);
    });
    return new UserInfo(user, spec.path("uid").asText(""), groups, extra);
  }

  private ObjectNode access(UserInfo user, ObjectNode body, String localNamespace) {
    JsonNode spec = body.path("spec");
    JsonNode res = spec.path("resourceAttributes");
    JsonNode nonRes = spec.path("nonResourceAttributes");
    if (res.isObject() == nonRes.isObject()) {
      throw invalid(body.path("kind").asText("SubjectAccessReview"), FieldError.invalid(
          "spec.resourceAttributes", "", "exactly one of nonResourceAttributes or"
              + " resourceAttributes must be specified"));
    }
    Attributes a;
    if (res.isObject()) {
      String namespace = res.path("namespace").asText("");
      if (localNamespace != null) {
        if (!namespace.isEmpty() && !namespace.equals(localNamespace)) {
          throw invalid("LocalSubjectAccessReview", FieldError.invalid(
              "spec.resourceAttributes.namespace", namespace,
              "must match metadata.namespace"));
        }
        namespace = localNamespace;
      }
      a = Attributes.resource(user, res.path("verb").asText(""), res.path("group").asText(""),
          res.path("version").asText(""), res.path("resource").asText(""),
          res.path("subresource").asText(""), namespace, res.path("name").asText(""));
    } else {
      a = Attributes.nonResource(user, nonRes.path("verb").asText(""),
          nonRes.path("path").asText(""));
    }
    Decision d = authorizer.authorize(a);
    ObjectNode status = Json.object();
    status.put("allowed", d.allowed());
    if (!d.reason().isEmpty()) {
      status.put("reason", d.reason());
    }
    return status;
  }

  private ObjectNode rules(UserInfo user, ObjectNode body) {
    String namespace = body.path("spec").path("namespace").asText("");
    boolean[] incomplete = {false};
    List<PolicyRule> found = rules.rulesFor(user, namespace, incomplete);
    ObjectNode status = Json.object();
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    for (PolicyRule r : found) {
      if (!r.nonResourceURLs().isEmpty()) {
        ObjectNode n = nonResourceRules.addObject();
        r.verbs().forEach(n.putArray("verbs")::add);
        r.nonResourceURLs().forEach(n.putArray("nonResourceURLs")::add);
      }
      if (!r.resources().isEmpty()) {
        ObjectNode n = resourceRules.addObject();
        r.verbs().forEach(n.putArray("verbs")::add);
        r.apiGroups().forEach(n.putArray("apiGroups")::add);
        r.resources().forEach(n.putArray("resources")::add);
        if (!r.resourceNames().isEmpty()) {
          r.resourceNames().forEach(n.putArray("resourceNames")::add);
        }
      }
    }
    status.put("incomplete", incomplete[0]);
    return status;
  }

  private static ApiException invalid(String kind, FieldError e) {
    return ApiException.invalid(kind, GROUP, "", List.of(e));
  }
}

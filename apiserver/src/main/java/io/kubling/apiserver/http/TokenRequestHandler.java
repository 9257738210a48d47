package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.registry.ResourceStore;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.serviceaccount.TokenClaims;
import io.kubling.apiserver.serviceaccount.TokenIssuer;
import io.kubling.apiserver.serviceaccount.TokenRequestSpec;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * serviceaccounts/token (TokenRequest): a signed token for a ServiceAccount that exists,
 * optionally bound to one of its pods, so the token dies with the pod.
 */
final class TokenRequestHandler {
  static final String API_VERSION = "authentication.k8s.io/v1";
  static final String KIND = "TokenRequest";

  private final ResourceStore store;
  private final TokenIssuer issuer;
  private final ResourceType pods;
  private final ResourceType nodes;

  /** issuer is null when the server has no --service-account-signing-key-file. */
  TokenRequestHandler(ResourceStore store, TokenIssuer issuer) {
    this.store = store;
    this.issuer = issuer;
    this.pods = store.registry().get("", "pods");
    this.nodes = store.registry().get("", "nodes");
  }

  void create(RoutingContext ctx, ResourceType serviceAccounts, RequestInfo info) {
    if (issuer == null) {
      throw ApiException.internal("the server has no service-account signing key"
          + " (--service-account-signing-key-file), so it cannot issue ServiceAccount tokens");
    }
    ObjectNode body = Bodies.object(ctx);
    checkTypeMeta(body);
    TokenRequestSpec spec = TokenRequestSpec.parse(body.path("spec"), info.name());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CompletableFuture<ObjectNode> done = store.get(serviceAccounts, info.namespace(),
            info.name(), null)
        .thenCompose(sa -> boundPod(info, spec).thenCompose(pod -> podNode(pod)
            .thenApply(node -> answer(info, spec, sa, pod, node, now))));
    Future.fromCompletionStage(done, ctx.vertx().getOrCreateContext())
        .onSuccess(answer -> Responses.json(ctx, 201, answer))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  private static void checkTypeMeta(ObjectNode body) {
    String apiVersion = body.path("apiVersion").asText("");
    String kind = body.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION)) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + API_VERSION + ")");
    }
    if (!kind.isEmpty() && !kind.equals(KIND)) {
      throw ApiException.badRequest("the kind in the data (" + kind
          + ") does not match the expected kind (" + KIND + ")");
    }
  }

  /** The pod the token is to be bound to, checked as Kubernetes' token REST does. */
  private CompletableFuture<CachedObject> boundPod(RequestInfo info, TokenRequestSpec spec) {
    if (spec.boundPodName() == null) {
      return CompletableFuture.completedFuture(null);
    }
    return store.get(pods, info.namespace(), spec.boundPodName(), null).thenApply(pod -> {
      String podAccount = Json.text(pod.object(), "spec", "serviceAccountName");
      if (!info.name().equals(podAccount)) {
        throw ApiException.badRequest("cannot bind token for serviceaccount \"" + info.name()
            + "\" to pod running with different serviceaccount name.");
      }
      String uid = Meta.uid(pod.object());
      if (spec.boundPodUid() != null && !spec.boundPodUid().equals(uid)) {
        throw ApiException.conflict("Pod", "", spec.boundPodName(), "the UID in the bound"
            + " object reference (" + spec.boundPodUid() + ") does not match the UID in"
            + " record. The object might have been deleted and then recreated");
      }
      return pod;
    });
  }

  /** The bound pod's node, for the node claim; a node that is gone just leaves it out. */
  private CompletableFuture<CachedObject> podNode(CachedObject pod) {
    String nodeName = pod == null ? null : Json.text(pod.object(), "spec", "nodeName");
    if (nodeName == null || nodeName.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return store.get(nodes, null, nodeName, "0").exceptionally(t -> null);
  }

  private ObjectNode answer(RequestInfo info, TokenRequestSpec spec, CachedObject sa,
      CachedObject pod, CachedObject node, Instant now) {
    Instant expiration = now.plusSeconds(spec.expirationSeconds());
    TokenClaims claims = new TokenClaims(info.namespace(), info.name(), Meta.uid(sa.object()),
        issuer.audiences(spec.audiences()), now, expiration, bound(pod), bound(node));
    ObjectNode out = Json.object();
    out.put("kind", KIND);
    out.put("apiVersion", API_VERSION);
    ObjectNode meta = out.putObject("metadata");
    meta.put("name", info.name());
    meta.put("namespace", info.namespace());
    meta.putNull("creationTimestamp");
    ObjectNode s = out.putObject("spec");
    claims.audiences().forEach(s.putArray("audiences")::add);
    s.put("expirationSeconds", spec.expirationSeconds());
    if (spec.boundObjectRef() != null) {
      ObjectNode ref = spec.boundObjectRef().deepCopy();
      if (pod != null && !ref.hasNonNull("uid")) {
        ref.put("uid", Meta.uid(pod.object()));
      }
      s.set("boundObjectRef", ref);
    } else {
      s.putNull("boundObjectRef");
    }
    ObjectNode status = out.putObject("status");
    status.put("token", issuer.sign(claims));
    status.put("expirationTimestamp", DateTimeFormatter.ISO_INSTANT.format(expiration));
    return out;
  }

  private static TokenClaims.Bound bound(CachedObject o) {
    if (o == null) {
      return null;
    }
    JsonNode obj = o.object();
    return new TokenClaims.Bound(Meta.name(obj), Meta.uid(obj));
  }
}

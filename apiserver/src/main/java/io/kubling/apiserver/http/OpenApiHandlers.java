package io.kubling.apiserver.http;

import io.kubling.apiserver.openapi.OpenApiV2;
import io.kubling.apiserver.openapi.OpenApiV3;
import io.kubling.apiserver.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Serves the OpenAPI v3 documents kubectl reads before create, apply, replace and edit
 * (to learn the server validates fields) and for explain, and the v2 document, without
 * definitions, that kubectl 1.27 reads for the same purpose.
 */
public final class OpenApiHandlers {
  private static final String PREFIX = "/openapi/v3/";

  private final Registry registry;
  private Future<OpenApiV3> documents;
  private Future<OpenApiV2> v2;

  public OpenApiHandlers(Registry registry) {
    this.registry = registry;
  }

  public void register(Router r) {
    r.get("/openapi/v3").handler(this::index);
    r.get(PREFIX + "*").handler(this::groupVersion);
    r.get("/openapi/v2").handler(this::v2);
  }

  /**
   * Protobuf when asked for, as kubectl does; JSON otherwise. kube-apiserver labels the
   * protobuf application/octet-stream: Go cannot parse the requested type ('@').
   */
  private void v2(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    v2(ctx.vertx()).onSuccess(d -> {
      if (accept != null && accept.contains(OpenApiV2.PROTOBUF)) {
        ctx.response().putHeader("Content-Type", "application/octet-stream")
            .end(Buffer.buffer(d.protobuf()));
      } else {
        Responses.json(ctx, 200, d.json());
      }
    }).onFailure(t -> Responses.fail(ctx, t));
  }

  private void index(RoutingContext ctx) {
    documents(ctx.vertx())
        .onSuccess(d -> Responses.json(ctx, 200, d.index()))
        .onFailure(t -> Responses.fail(ctx, t));
  }

  /** As kube-openapi: a stale hash redirects to the current one; a current hash is immutable. */
  private void groupVersion(RoutingContext ctx) {
    String full = ctx.normalizedPath();
    String path = full.length() > PREFIX.length() ? full.substring(PREFIX.length()) : "";
    documents(ctx.vertx()).onSuccess(all -> {
      var doc = all.document(path);
      if (doc.isEmpty()) {
        Responses.fail(ctx, ResourceDispatcher.notFound(ctx));
        return;
      }
      OpenApiV3.Document d = doc.get();
      String hash = ctx.queryParams().get("hash");
      var response = ctx.response();
      if (hash != null && !hash.equals(d.hash())) {
        response.setStatusCode(301).putHeader("Location", d.serverRelativeUrl()).end();
        return;
      }
      String etag = "\"" + d.hash() + "\"";
      response.putHeader("ETag", etag);
      if (hash != null) {
        response.putHeader("Vary", "Accept").putHeader("Cache-Control", "public, immutable")
            .putHeader("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusYears(1)));
      }
      if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
        response.setStatusCode(304).end();
        return;
      }
      Responses.json(ctx, 200, d.json());
    }).onFailure(t -> Responses.fail(ctx, t));
  }

  /** Rendered once, on first use, off the event loop (it takes a moment). */
  private synchronized Future<OpenApiV3> documents(Vertx vertx) {
    if (documents == null) {
      documents = vertx.executeBlocking(() -> new OpenApiV3(registry), false);
    }
    return documents;
  }

  private synchronized Future<OpenApiV2> v2(Vertx vertx) {
    if (v2 == null) {
      v2 = documents(vertx).compose(v3 -> vertx.executeBlocking(() -> new OpenApiV2(v3), false));
    }
    return v2;
  }
}

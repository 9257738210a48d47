package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.protobuf.ProtobufBodies;
import io.kubling.apiserver.registry.ResourceType;
import io.vertx.ext.web.RoutingContext;

/** Decodes request bodies (JSON or YAML) into objects, with Kubernetes' errors. */
final class Bodies {
  private Bodies() {}

  static byte[] raw(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? new byte[0]
        : ctx.body().buffer().getBytes();
  }

  static ObjectNode object(RoutingContext ctx) {
    byte[] body = raw(ctx);
    String type = ctx.request().getHeader("Content-Type");
    String media = type == null ? "application/json" : type.split(";")[0].trim().toLowerCase();
    try {
      return switch (media) {
        case "application/json", "" -> Json.parseObject(body);
        case "application/yaml", "application/x-yaml", "text/yaml" -> Json.parseYamlObject(body);
        // kubectl's typed create commands send protobuf; answers stay JSON.
        case ProtobufBodies.CONTENT_TYPE -> ProtobufBodies.decode(body);
        default -> throw ApiException.unsupportedMediaType(media);
      };
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("error decoding body: " + e.getMessage());
    }
  }

  /** The body's apiVersion and kind, when given, must be the resource's. */
  static void checkTypeMeta(ObjectNode obj, ResourceType type) {
    String apiVersion = obj.path("apiVersion").asText("");
    String kind = obj.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + type.apiVersion() + ")");
    }
    if (!kind.isEmpty() && !kind.equals(type.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind
          + ") does not match the expected kind (" + type.kind() + ")");
    }
  }
}

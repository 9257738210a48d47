package io.kubling.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import java.io.IOException;

/** Applies a PATCH body to the current object by its content type. */
public final class Patches {
  public static final String MERGE = "application/merge-patch+json";
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String STRATEGIC = "application/strategic-merge-patch+json";
  public static final String APPLY = "application/apply-patch+yaml";

  private static final String ACCEPTED = JSON_PATCH + ", " + MERGE + ", " + STRATEGIC;

  private Patches() {}

  /**
   * The patched copy of current, an object of the given kind (strategic merge patches need
   * it); 415 for patch types not served, 422/400 for bad patches.
   */
  public static ObjectNode apply(String contentType, ObjectNode current, byte[] body,
      String kind) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
    switch (type) {
      case MERGE: {
        JsonNode patch = parse(body);
        JsonNode result = MergePatch.apply(current, patch);
        if (!(result instanceof ObjectNode o)) {
          throw ApiException.badRequest("the patch replaced the object with a non-object");
        }
        return o;
      }
      case JSON_PATCH: {
        JsonNode patch = parse(body);
        if (!patch.isArray()) {
          throw ApiException.badRequest("json patch must be an array of operations");
        }
        try {
          JsonNode result = JsonPatch.apply(patch, current);
          if (!(result instanceof ObjectNode o)) {
            throw ApiException.badRequest("the patch replaced the object with a non-object");
          }
          return o;
        } catch (RuntimeException e) {
          if (e instanceof ApiException a) {
            throw a;
          }
          throw new ApiException(422, "Invalid", "the server rejected our request due to an"
              + " error in our request: " + e.getMessage(), null, null, null, null, null);
        }
      }
      case STRATEGIC: {
        JsonNode patch = parse(body);
        try {
          return StrategicMergePatch.apply(current, patch, kind);
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("error applying strategic merge patch: "
              + e.getMessage());
        }
      }
      case APPLY:
        throw unsupported("server-side apply (" + APPLY + ") is not supported by kubling;"
            + " use client-side kubectl apply");
      default:
        throw unsupported("the body of the request was in an unknown format - accepted media"
            + " types include: " + ACCEPTED + " (got "
            + (type.isEmpty() ? "no Content-Type" : type) + ")");
    }
  }

  private static ApiException unsupported(String message) {
    return new ApiException(415, "UnsupportedMediaType", message, null, null, null, null, null);
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("empty patch");
      }
      return n;
    } catch (IOException e) {
      throw ApiException.badRequest("error decoding patch: " + e.getMessage());
    }
  }
}

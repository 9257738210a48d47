package io.kubling.apiserver.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * A TokenRequest's spec, defaulted and validated as Kubernetes does: expirationSeconds 3600
 * unless given, at least 10 minutes and at most 2^32 s; boundObjectRef names a Pod.
 *
 * @param boundObjectRef the spec's boundObjectRef as sent, or null
 */
public record TokenRequestSpec(List<String> audiences, long expirationSeconds,
    ObjectNode boundObjectRef, String boundPodName, String boundPodUid) {
  public static final long DEFAULT_EXPIRATION_SECONDS = 3600;
  public static final long MIN_EXPIRATION_SECONDS = 600;
  static final long MAX_EXPIRATION_SECONDS = 1L << 32;

  public TokenRequestSpec {
    audiences = List.copyOf(audiences);
  }

  /** Parses spec of a TokenRequest for ServiceAccount name; bad input is a 422 or 400. */
  public static TokenRequestSpec parse(JsonNode spec, String name) {
    List<String> audiences = new ArrayList<>();
    spec.path("audiences").forEach(a -> audiences.add(a.asText()));
    long seconds = spec.hasNonNull("expirationSeconds")
        ? spec.get("expirationSeconds").asLong() : DEFAULT_EXPIRATION_SECONDS;
    List<FieldError> errors = new ArrayList<>();
    if (seconds < MIN_EXPIRATION_SECONDS) {
      errors.add(FieldError.invalid("spec.expirationSeconds", seconds,
          "may not specify a duration less than 10 minutes"));
    }
    if (seconds > MAX_EXPIRATION_SECONDS) {
      errors.add(FieldError.invalid("spec.expirationSeconds", seconds,
          "may not specify a duration larger than 2^32 seconds"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("TokenRequest", "authentication.k8s.io", name, errors);
    }
    if (!(spec.get("boundObjectRef") instanceof ObjectNode ref)) {
      return new TokenRequestSpec(audiences, seconds, null, null, null);
    }
    String kind = ref.path("kind").asText("");
    String apiVersion = ref.path("apiVersion").asText("");
    if (!kind.equals("Pod") || !(apiVersion.isEmpty() || apiVersion.equals("v1"))) {
      // Kubernetes also binds to Secrets and Nodes; kubling's node agent only needs pods.
      throw ApiException.badRequest("cannot bind token to object of type "
          + (apiVersion.isEmpty() ? "" : apiVersion + ", ") + "Kind=" + kind
          + ": kubling binds ServiceAccount tokens only to pods (apiVersion v1, kind Pod)");
    }
    String podName = ref.path("name").asText("");
    if (podName.isEmpty()) {
      throw ApiException.badRequest("boundObjectRef.name: a Pod to bind the token to needs"
          + " a name");
    }
    String uid = ref.path("uid").asText("");
    return new TokenRequestSpec(audiences, seconds, ref, podName, uid.isEmpty() ? null : uid);
  }
}

package io.kubling.apiserver.errors;

import io.kubling.apiserver.validation.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An API error that becomes a metav1.Status body: code, reason and message worded as
 * Kubernetes words them. Mapped to HTTP in exactly one place ({@link Statuses}).
 */
public final class ApiException extends RuntimeException {
  private final int code;
  private final String reason;
  private final String name;
  private final String group;
  private final String kind;
  private final List<FieldError> causes;
  private final Integer retryAfterSeconds;

  public ApiException(int code, String reason, String message, String name, String group,
      String kind, List<FieldError> causes, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.name = name;
    this.group = group;
    this.kind = kind;
    this.causes = causes == null ? List.of() : List.copyOf(causes);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private static String qualified(String resource, String group) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }

  public static ApiException notFound(String resource, String group, String name) {
    return new ApiException(404, "NotFound",
        qualified(resource, group) + " \"" + name + "\" not found", name, group, resource,
        null, null);
  }

  public static ApiException alreadyExists(String resource, String group, String name) {
    return new ApiException(409, "AlreadyExists",
        qualified(resource, group) + " \"" + name + "\" already exists", name, group, resource,
        null, null);
  }

  public static ApiException conflict(String resource, String group, String name, String why) {
    return new ApiException(409, "Conflict", "Operation cannot be fulfilled on "
        + qualified(resource, group) + " \"" + name + "\": " + why, name, group, resource,
        null, null);
  }

  /** The optimistic-concurrency conflict every client knows. */
  public static ApiException staleResourceVersion(String resource, String group, String name) {
    return conflict(resource, group, name, "the object has been modified; please apply your"
        + " changes to the latest version and try again");
  }

  /** 422 with causes, e.g. {@code The Pod "x" is invalid: spec.containers[0].image: Required value}. */
  public static ApiException invalid(String kind, String group, String name,
      List<FieldError> errors) {
    String list = errors.size() == 1 ? errors.get(0).message()
        : errors.stream().map(FieldError::message).collect(Collectors.joining(", ", "[", "]"));
    String shownName = name == null ? "" : name;
    return new ApiException(422, "Invalid",
        kindQualified(kind, group) + " \"" + shownName + "\" is invalid: " + list,
        shownName, group, kind, errors, null);
  }

  private static String kindQualified(String kind, String group) {
    return group == null || group.isEmpty() ? kind : kind + "." + group;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, null, null, null);
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null, null, null, null, null);
  }

  public static ApiException notAcceptable(String message) {
    return new ApiException(406, "NotAcceptable", message, null, null, null, null, null);
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json, application/yaml, application/vnd.kubernetes.protobuf", null,
        null, null, null, null);
  }

  /** 410: the requested resourceVersion is older than what is kept. */
  public static ApiException expired(String message) {
    return new ApiException(410, "Expired", message, null, null, null, null, null);
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Gone", message, null, null, null, null, null);
  }

  public static ApiException serviceUnavailable(String message) {
    return new ApiException(503, "ServiceUnavailable", message, null, null, null, null, 1);
  }

  public static ApiException timeout(String message) {
    return new ApiException(504, "Timeout", message, null, null, null, null, 1);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "RequestEntityTooLarge", message, null, null, null, null, null);
  }

  public static ApiException tooManyRequests(String message, int retryAfter) {
    return new ApiException(429, "TooManyRequests", message, null, null, null, null, retryAfter);
  }

  public static ApiException forbidden(String resource, String group, String name, String why) {
    return new ApiException(403, "Forbidden", qualified(resource, group)
        + (name == null ? "" : " \"" + name + "\"") + " is forbidden: " + why, name, group,
        resource, null, null);
  }

  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError", "Internal error occurred: " + message, null,
        null, null, null, null);
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public String name() {
    return name;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  public List<FieldError> causes() {
    return causes;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

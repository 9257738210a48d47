package io.kubling.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Field errors {@link FieldError} has no factory for, and the shared detail texts. */
public final class FieldErrors {
  public static final String FIELD_IMMUTABLE = "field is immutable";
  public static final String IS_NEGATIVE = "must be greater than or equal to 0";

  private FieldErrors() {}

  /** {@code path: Invalid value: <new value>: field is immutable}. */
  public static FieldError immutable(String path, Object newValue) {
    return FieldError.invalid(path, newValue, FIELD_IMMUTABLE);
  }

  /** {@code path: Not found: "value"}: a reference to something that does not exist. */
  public static FieldError notFound(String path, String value) {
    return new FieldError("FieldValueNotFound", path, "Not found: " + GoValue.quote(value));
  }

  /**
   * A value of the wrong JSON type. Kubernetes refuses these while decoding (400); a field
   * error carries the path, which is more useful than silently reading it as unset.
   */
  public static FieldError typeInvalid(String path, JsonNode value, String type) {
    return new FieldError("FieldValueTypeInvalid", path,
        "Invalid value: " + value + ": must be of type " + type);
  }

  /** {@code path: Invalid value: -1: must be greater than or equal to 0}. */
  public static FieldError negative(String path, long value) {
    return FieldError.invalid(path, value, IS_NEGATIVE);
  }
}

package io.kubling.apiserver.validation;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * One validation failure at a field path, worded as Kubernetes' field.Error is
 * ({@code spec.containers[0].image: Required value}).
 *
 * @param reason the Status cause reason, e.g. {@code FieldValueRequired}
 * @param field the field path, e.g. {@code spec.containers[0].image}
 * @param detail the text after the path, e.g. {@code Required value}
 */
public record FieldError(String reason, String field, String detail) {

  public static FieldError required(String field) {
    return new FieldError("FieldValueRequired", field, "Required value");
  }

  public static FieldError required(String field, String detail) {
    return new FieldError("FieldValueRequired", field, "Required value: " + detail);
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError("FieldValueInvalid", field,
        "Invalid value: " + quote(value) + (detail == null || detail.isEmpty() ? "" : ": " + detail));
  }

  public static FieldError notSupported(String field, Object value, Collection<String> supported) {
    return new FieldError("FieldValueNotSupported", field, "Unsupported value: " + quote(value)
        + ": supported values: " + supported.stream().map(s -> "\"" + s + "\"")
            .collect(Collectors.joining(", ")));
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError("FieldValueForbidden", field, "Forbidden: " + detail);
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError("FieldValueDuplicate", field, "Duplicate value: " + quote(value));
  }

  public static FieldError tooLong(String field, int max) {
    return new FieldError("FieldValueTooLong", field,
        "Too long: may not be more than " + max + " bytes");
  }

  /** The message Kubernetes prints for this error. */
  public String message() {
    return field + ": " + detail;
  }

  private static String quote(Object value) {
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return message();
  }
}

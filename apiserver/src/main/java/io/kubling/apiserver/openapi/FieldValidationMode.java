package io.kubling.apiserver.openapi;

import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.validation.FieldError;
import java.util.List;

/**
 * The {@code fieldValidation} query parameter of POST, PUT and PATCH: what to do with
 * unknown fields. Absent means Warn, the server default since Kubernetes 1.25 (kubectl
 * sends Strict itself when the OpenAPI document shows the parameter).
 */
public enum FieldValidationMode {
  IGNORE, WARN, STRICT;

  /**
   * Parses the parameter, case-sensitively as Kubernetes does.
   *
   * @param optionsKind the options type named in the error: {@code CreateOptions},
   *     {@code UpdateOptions} or {@code PatchOptions}
   * @throws ApiException 422 on any other value
   */
  public static FieldValidationMode parse(String value, String optionsKind) {
    if (value == null || value.isEmpty()) {
      return WARN;
    }
    return switch (value) {
      case "Ignore" -> IGNORE;
      case "Warn" -> WARN;
      case "Strict" -> STRICT;
      default -> throw ApiException.invalid(optionsKind, "meta.k8s.io", "",
          List.of(FieldError.notSupported("fieldValidation", value,
              List.of("", "Ignore", "Strict", "Warn"))));
    };
  }
}

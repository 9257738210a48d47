package io.kubling.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The checks every object's metadata passes, as apimachinery's ValidateObjectMeta and
 * ValidateObjectMetaUpdate make them. Namespace existence and scope are the store's checks.
 */
public final class MetadataValidation {
  /** Labels and annotations together may not exceed this many bytes. */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xx", Locale.ROOT);

  private MetadataValidation() {}

  /**
   * Errors of a new object's metadata. A name may still be empty when generateName is set,
   * because the store generates it after validation.
   *
   * @param namespaced whether the type is namespaced; then a given namespace must be a
   *     DNS-1123 label (its presence and existence are the store's checks)
   */
  public static List<FieldError> validateCreate(ObjectNode obj, boolean namespaced,
      NameRule rule) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode meta = obj.get("metadata");
    String name = Json.text(meta, "name");
    String generateName = Json.text(meta, "generateName");
    if (!isEmpty(generateName)) {
      rule.check(generateName, true).forEach(
          m -> errs.add(FieldError.invalid("metadata.generateName", generateName, m)));
    }
    if (isEmpty(name)) {
      if (isEmpty(generateName)) {
        errs.add(FieldError.required("metadata.name", "name or generateName is required"));
      }
    } else {
      rule.check(name, false).forEach(
          m -> errs.add(FieldError.invalid("metadata.name", name, m)));
    }
    String namespace = Json.text(meta, "namespace");
    if (namespaced && !isEmpty(namespace)) {
      Names.dns1123Label(namespace).forEach(
          m -> errs.add(FieldError.invalid("metadata.namespace", namespace, m)));
    }
    errs.addAll(common(meta));
    return errs;
  }

  /**
   * Errors of an update's metadata: name, namespace, uid and creationTimestamp may not change.
   * An empty namespace, uid or creationTimestamp means "as before" (the store fills them in).
   */
  public static List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode meta = obj.get("metadata");
    JsonNode oldMeta = old.get("metadata");
    String name = Objects.requireNonNullElse(Json.text(meta, "name"), "");
    if (!name.equals(Objects.requireNonNullElse(Json.text(oldMeta, "name"), ""))) {
      errs.add(FieldErrors.immutable("metadata.name", name));
    }
    for (String field : List.of("namespace", "uid")) {
      String value = Json.text(meta, field);
      if (!isEmpty(value) && !value.equals(Json.text(oldMeta, field))) {
        errs.add(FieldErrors.immutable("metadata." + field, value));
      }
    }
    String created = Json.text(meta, "creationTimestamp");
    if (!isEmpty(created) && !created.equals(Json.text(oldMeta, "creationTimestamp"))) {
      errs.add(FieldErrors.immutable("metadata.creationTimestamp", goTime(created)));
    }
    errs.addAll(common(meta));
    return errs;
  }

  /** Label keys and values; also used for selectors and nodeSelector, as in Kubernetes. */
  public static List<FieldError> validateLabels(JsonNode labels, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (labels == null || labels.isNull()) {
      return errs;
    }
    if (!labels.isObject()) {
      errs.add(FieldErrors.typeInvalid(path, labels, "object"));
      return errs;
    }
    labels.fields().forEachRemaining(e -> {
      Names.labelKey(e.getKey()).forEach(m -> errs.add(FieldError.invalid(path, e.getKey(), m)));
      JsonNode v = e.getValue();
      if (!v.isTextual()) {
        errs.add(FieldErrors.typeInvalid(path + "." + e.getKey(), v, "string"));
      } else {
        Names.labelValue(v.asText()).forEach(
            m -> errs.add(FieldError.invalid(path, v.asText(), m)));
      }
    });
    return errs;
  }

  /** Annotation keys (label keys, case-insensitively) and their total size. */
  public static List<FieldError> validateAnnotations(JsonNode annotations, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (annotations == null || annotations.isNull()) {
      return errs;
    }
    if (!annotations.isObject()) {
      errs.add(FieldErrors.typeInvalid(path, annotations, "object"));
      return errs;
    }
    long size = 0;
    for (var it = annotations.fields(); it.hasNext(); ) {
      var e = it.next();
      String key = e.getKey();
      Names.labelKey(key.toLowerCase(Locale.ROOT)).forEach(
          m -> errs.add(FieldError.invalid(path, key, m)));
      if (!e.getValue().isTextual()) {
        errs.add(FieldErrors.typeInvalid(path + "." + key, e.getValue(), "string"));
      }
      size += bytes(key) + bytes(e.getValue().asText());
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    return errs;
  }

  private static List<FieldError> common(JsonNode meta) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(validateLabels(Json.at(meta, "labels"), "metadata.labels"));
    errs.addAll(validateAnnotations(Json.at(meta, "annotations"), "metadata.annotations"));
    errs.addAll(finalizers(Json.at(meta, "finalizers")));
    errs.addAll(ownerReferences(Json.at(meta, "ownerReferences")));
    return errs;
  }

  private static List<FieldError> finalizers(JsonNode finalizers) {
    List<FieldError> errs = new ArrayList<>();
    if (finalizers != null && finalizers.isArray()) {
      finalizers.forEach(f -> Names.labelKey(f.asText()).forEach(
          m -> errs.add(FieldError.invalid("metadata.finalizers", f.asText(), m))));
    }
    return errs;
  }

  /** Each reference needs apiVersion, kind, name and uid, or the garbage collector is lost. */
  private static List<FieldError> ownerReferences(JsonNode refs) {
    List<FieldError> errs = new ArrayList<>();
    if (refs == null || !refs.isArray()) {
      return errs;
    }
    String path = "metadata.ownerReferences";
    for (JsonNode ref : refs) {
      String apiVersion = Objects.requireNonNullElse(Json.text(ref, "apiVersion"), "");
      String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      if (version.isEmpty()) {
        errs.add(FieldError.invalid(path + ".apiVersion", apiVersion,
            "version must not be empty"));
      }
      for (String field : List.of("kind", "name", "uid")) {
        if (isEmpty(Json.text(ref, field))) {
          errs.add(FieldError.invalid(path + "." + field, "", "must not be empty"));
        }
      }
    }
    return errs;
  }

  /** How Go prints a metav1.Time in an error: {@code 2024-05-01 10:00:00 +0000 UTC}. */
  static GoValue goTime(String rfc3339) {
    try {
      OffsetDateTime t = OffsetDateTime.parse(rfc3339);
      String zone = t.getOffset().getTotalSeconds() == 0 ? "UTC"
          : t.getOffset().getId().replace(":", "");
      return GoValue.of(GO_TIME.format(t) + " " + zone);
    } catch (DateTimeParseException e) {
      return GoValue.of(GoValue.quote(rfc3339));
    }
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}

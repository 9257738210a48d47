package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import io.kubling.apiserver.validation.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** ConfigMaps: valid keys in data and binaryData, at most 1 MiB, frozen once immutable. */
public final class ConfigMapStrategy implements Strategy {
  public static final ConfigMapStrategy INSTANCE = new ConfigMapStrategy();
  /** core.MaxSecretSize, which limits ConfigMaps too. */
  public static final int MAX_SIZE = 1024 * 1024;
  static final String FROZEN = "field is immutable when `immutable` is set";

  private ConfigMapStrategy() {}

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode data = obj.get("data");
    JsonNode binary = obj.get("binaryData");
    long size = 0;
    if (data != null && data.isObject()) {
      for (var it = data.fields(); it.hasNext(); ) {
        var e = it.next();
        String p = "data[" + e.getKey() + "]";
        keyErrors(e.getKey(), p, errs);
        if (binary != null && binary.has(e.getKey())) {
          errs.add(FieldError.invalid(p, e.getKey(), "duplicate of key present in binaryData"));
        }
        if (!e.getValue().isTextual()) {
          errs.add(FieldErrors.typeInvalid(p, e.getValue(), "string"));
        }
        size += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    if (binary != null && binary.isObject()) {
      for (var it = binary.fields(); it.hasNext(); ) {
        var e = it.next();
        String p = "binaryData[" + e.getKey() + "]";
        keyErrors(e.getKey(), p, errs);
        if (data != null && data.has(e.getKey())) {
          errs.add(FieldError.invalid(p, e.getKey(), "duplicate of key present in data"));
        }
        String bad = Base64s.error(e.getValue().asText());
        if (bad != null) {
          errs.add(FieldError.invalid(p, "<binary data>", bad));
        } else {
          size += Base64s.decodedLength(e.getValue().asText());
        }
      }
    }
    if (size > MAX_SIZE) {
      errs.add(FieldError.tooLong("", MAX_SIZE));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = frozen(obj, old, List.of("data", "binaryData"));
    errs.addAll(validate(obj));
    return errs;
  }

  /** Once {@code immutable: true}, the flag stays and the data fields never change. */
  static List<FieldError> frozen(JsonNode obj, JsonNode old, List<String> dataFields) {
    List<FieldError> errs = new ArrayList<>();
    if (!old.path("immutable").asBoolean(false)) {
      return errs;
    }
    if (!obj.path("immutable").asBoolean(false)) {
      errs.add(FieldError.forbidden("immutable", FROZEN));
    }
    for (String field : dataFields) {
      if (!Semantic.equal(obj.get(field), old.get(field))) {
        errs.add(FieldError.forbidden(field, FROZEN));
      }
    }
    return errs;
  }

  static void keyErrors(String key, String path, List<FieldError> errs) {
    Names.configMapKey(key).forEach(m -> errs.add(FieldError.invalid(path, key, m)));
  }
}

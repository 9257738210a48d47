package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Secrets: type Opaque by default and fixed afterwards; data is base64; stringData is a
 * write-only convenience merged into data (winning over it) and never stored.
 */
public final class SecretStrategy implements Strategy {
  public static final SecretStrategy INSTANCE = new SecretStrategy();
  static final String REDACTED = "<secret contents redacted>";
  /** The keys each well-known type requires. */
  static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
      "kubernetes.io/dockercfg", List.of(".dockercfg"),
      "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
      "kubernetes.io/ssh-auth", List.of("ssh-privatekey"),
      "kubernetes.io/tls", List.of("tls.crt", "tls.key"));

  private SecretStrategy() {}

  /** Kubernetes does both when decoding, so every write (create, update, patch) gets them. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    Fields.defaultText(obj, "type", "Opaque");
    JsonNode stringData = obj.remove("stringData");
    if (stringData != null && stringData.isObject() && !stringData.isEmpty()) {
      ObjectNode data = Json.with(obj, "data");
      stringData.fields().forEachRemaining(
          e -> data.put(e.getKey(), Base64s.encode(e.getValue().asText())));
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode data = obj.get("data");
    long size = 0;
    if (data != null && data.isObject()) {
      for (var it = data.fields(); it.hasNext(); ) {
        var e = it.next();
        String p = "data[" + e.getKey() + "]";
        ConfigMapStrategy.keyErrors(e.getKey(), p, errs);
        String bad = Base64s.error(e.getValue().asText());
        if (bad != null) {
          errs.add(FieldError.invalid(p, REDACTED, bad));
        } else {
          size += Base64s.decodedLength(e.getValue().asText());
        }
      }
    }
    if (size > ConfigMapStrategy.MAX_SIZE) {
      errs.add(FieldError.tooLong("data", ConfigMapStrategy.MAX_SIZE));
    }
    errs.addAll(typeRules(obj, data));
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    String type = Fields.str(obj, "type");
    if (!type.equals(Fields.str(old, "type"))) {
      errs.add(FieldErrors.immutable("type", type));
    }
    errs.addAll(ConfigMapStrategy.frozen(obj, old, List.of("data")));
    errs.addAll(validate(obj));
    return errs;
  }

  private static List<FieldError> typeRules(ObjectNode obj, JsonNode data) {
    List<FieldError> errs = new ArrayList<>();
    String type = Fields.str(obj, "type");
    if (type.equals("kubernetes.io/service-account-token")) {
      String key = "kubernetes.io/service-account.name";
      if (Fields.blank(Json.text(obj, "metadata", "annotations", key))) {
        errs.add(FieldError.required("metadata.annotations[" + key + "]"));
      }
    } else if (type.equals("kubernetes.io/basic-auth")) {
      if (!Fields.has(data, "username") && !Fields.has(data, "password")) {
        errs.add(FieldError.required("data[username]"));
        errs.add(FieldError.required("data[password]"));
      }
    } else {
      for (String key : REQUIRED_KEYS.getOrDefault(type, List.of())) {
        // An empty private key is as useless as none; the other keys need only be present.
        boolean missing = key.equals("ssh-privatekey") ? Fields.blank(Fields.text(data, key))
            : !Fields.has(data, key);
        if (missing) {
          errs.add(FieldError.required("data[" + key + "]"));
        }
      }
    }
    return errs;
  }
}

package io.kubling.apiserver.storage.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads kube-apiserver's EncryptionConfiguration (apiserver.config.k8s.io/v1, YAML or JSON)
 * into one transformer per resource. Supports the aesgcm, aescbc and identity providers and
 * refuses every other provider by name.
 */
public final class EncryptionConfiguration {
  static final String API_VERSION = "apiserver.config.k8s.io/v1";
  static final String KIND = "EncryptionConfiguration";
  private static final Set<String> UNSUPPORTED = Set.of("kms", "secretbox");

  private EncryptionConfiguration() {}

  /** The file's transformers; IllegalArgumentException with a one-line reason if it is bad. */
  public static ResourceTransformers load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("error reading encryption provider configuration "
          + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    try {
      return parse(root, new SecureRandom());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid encryption provider configuration " + file
          + ": " + e.getMessage());
    }
  }

  static ResourceTransformers parse(JsonNode root, SecureRandom random) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    if (!API_VERSION.equals(root.path("apiVersion").asText())
        || !KIND.equals(root.path("kind").asText())) {
      throw new IllegalArgumentException("apiVersion/kind must be " + API_VERSION + "/" + KIND
          + ", got " + root.path("apiVersion").asText() + "/" + root.path("kind").asText());
    }
    JsonNode resources = root.path("resources");
    if (!resources.isArray() || resources.isEmpty()) {
      throw new IllegalArgumentException("resources: Required value: at least one is needed");
    }
    Map<String, ValueTransformer> byPlural = new LinkedHashMap<>();
    for (int i = 0; i < resources.size(); i++) {
      String at = "resources[" + i + "]";
      JsonNode r = resources.get(i);
      JsonNode names = r.path("resources");
      if (!names.isArray() || names.isEmpty()) {
        throw new IllegalArgumentException(at + ".resources: Required value");
      }
      ValueTransformer t = providers(r.path("providers"), at + ".providers", random);
      for (int j = 0; j < names.size(); j++) {
        String plural = plural(names.get(j).asText(), at + ".resources[" + j + "]");
        if (byPlural.putIfAbsent(plural, t) != null) {
          throw new IllegalArgumentException(at + ".resources[" + j + "]: Duplicate value: \""
              + names.get(j).asText() + "\"");
        }
      }
    }
    return new ResourceTransformers(byPlural);
  }

  /** "secrets" or "deployments.apps" → the plural in etcd keys; wildcards are refused. */
  private static String plural(String name, String at) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException(at + ": Required value");
    }
    if (name.contains("*")) {
      throw new IllegalArgumentException(at + ": Unsupported value: \"" + name
          + "\": wildcards are not supported; name each resource");
    }
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static ValueTransformer providers(JsonNode list, String at, SecureRandom random) {
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(at + ": Required value: at least one provider");
    }
    List<PrefixTransformers.Entry> entries = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String here = at + "[" + i + "]";
      JsonNode p = list.get(i);
      if (!p.isObject() || p.size() != 1) {
        throw new IllegalArgumentException(here + ": exactly one provider type must be set");
      }
      String type = p.fieldNames().next();
      switch (type) {
        case "identity" -> entries.add(new PrefixTransformers.Entry("", ValueTransformer.IDENTITY));
        case "aesgcm", "aescbc" -> entries.addAll(keys(type, p.get(type).path("keys"),
            here + "." + type + ".keys", random));
        default -> throw new IllegalArgumentException(here + ": Unsupported value: \"" + type
            + "\"" + (UNSUPPORTED.contains(type) ? ": provider not supported by kubling" : ""));
      }
    }
    return new PrefixTransformers(entries);
  }

  private static List<PrefixTransformers.Entry> keys(String type, JsonNode keys, String at,
      SecureRandom random) {
    if (!keys.isArray() || keys.isEmpty()) {
      throw new IllegalArgumentException(at + ": Required value: at least one key");
    }
    List<PrefixTransformers.Entry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String here = at + "[" + i + "]";
      String name = keys.get(i).path("name").asText();
      if (name.isEmpty() || name.contains(":")) {
        throw new IllegalArgumentException(here + ".name: Invalid value: \"" + name
            + "\": must be non-empty and contain no ':'");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(here + ".name: Duplicate value: \"" + name + "\"");
      }
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(keys.get(i).path("secret").asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(here + ".secret: Invalid value: secrets must be"
            + " base64 encoded");
      }
      if (secret.length != 16 && secret.length != 24 && secret.length != 32) {
        throw new IllegalArgumentException(here + ".secret: Invalid value: " + type
            + " keys must be 16, 24 or 32 bytes, got " + secret.length);
      }
      ValueTransformer t = type.equals("aesgcm") ? new AesGcmTransformer(secret, random)
          : new AesCbcTransformer(secret, random);
      out.add(new PrefixTransformers.Entry(
          PrefixTransformers.ENCRYPTED + type + ":v1:" + name + ":", t));
    }
    return out;
  }
}

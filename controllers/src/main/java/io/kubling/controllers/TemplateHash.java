package io.kubling.controllers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;

/**
 * The pod-template-hash of a pod template, as Kubernetes' ComputeHash makes it: FNV-32a over
 * the template (here its canonical JSON, map keys sorted, without the hash label) and the
 * collision count, spelled with rand.SafeEncodeString's alphabet.
 */
public final class TemplateHash {
  public static final String LABEL = "pod-template-hash";
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper CANONICAL = Serialization.jsonMapper().copy()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private TemplateHash() {}

  public static String of(PodTemplateSpec template, Integer collisionCount) {
    String json = canonical(template).toString() + (collisionCount == null ? "" : collisionCount);
    int h = 0x811c9dc5;
    for (byte b : json.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    return safeEncode(Long.toString(Integer.toUnsignedLong(h)));
  }

  /** Whether two templates are the same once the pod-template-hash label is ignored. */
  public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    return canonical(a).equals(canonical(b));
  }

  /** The template as a JSON tree without the hash label, nulls and empty label maps. */
  static JsonNode canonical(PodTemplateSpec template) {
    try {
      JsonNode tree = CANONICAL.readTree(CANONICAL.writeValueAsString(template));
      JsonNode meta = tree.path("metadata");
      if (meta instanceof ObjectNode m) {
        if (m.path("labels") instanceof ObjectNode labels) {
          labels.remove(LABEL);
          if (labels.isEmpty()) {
            m.remove("labels");
          }
        }
        if (m.isEmpty()) {
          ((ObjectNode) tree).remove("metadata");
        }
      }
      prune(tree);
      return tree;
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialise pod template", e);
    }
  }

  /** A hash value in rand.SafeEncodeString's alphabet. */
  public static String safeEncodeHash(long hash) {
    return safeEncode(String.format("%010d", hash));
  }

  /**
   * Drops empty objects and arrays, recursively: like apimachinery's semantic equality, an
   * empty {@code resources: {}} (which kubectl writes back on rollout undo) equals none.
   */
  private static boolean prune(JsonNode node) {
    if (node instanceof ObjectNode o) {
      java.util.List<String> empty = new java.util.ArrayList<>();
      o.fields().forEachRemaining(e -> {
        if (prune(e.getValue())) {
          empty.add(e.getKey());
        }
      });
      o.remove(empty);
      return o.isEmpty();
    }
    if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
      for (int i = a.size() - 1; i >= 0; i--) {
        if (prune(a.get(i)) && a.get(i).isContainerNode()) {
          a.remove(i);
        }
      }
      return a.isEmpty();
    }
    return node.isNull();
  }

  static String safeEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(ALPHABET.charAt(c % ALPHABET.length()));
    }
    return out.toString();
  }
}

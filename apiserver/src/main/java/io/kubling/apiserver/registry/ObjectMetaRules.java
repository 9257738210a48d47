package io.kubling.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The server-owned metadata of every object: what a create sets and an update keeps. */
public final class ObjectMetaRules {
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private ObjectMetaRules() {}

  private record Stamp(long second, String text) {}

  private static volatile Stamp lastStamp = new Stamp(-1, "");

  /** The current time as RFC 3339 seconds; formatted once per second, as every write asks. */
  public static String now() {
    long second = System.currentTimeMillis() / 1000;
    Stamp s = lastStamp;
    if (s.second() != second) {
      s = new Stamp(second, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
      lastStamp = s;
    }
    return s.text();
  }

  /** Sets uid, creationTimestamp, generation and the name from generateName; clears the rest. */
  public static void forCreate(ObjectNode obj, ResourceType type, String namespace) {
    forCreate(obj, type, namespace, ObjectMetaRules::generateName);
  }

  /**
   * As above, with the name for generateName drawn by {@code names} (prefix to name); returns
   * whether it drew one (no name was given), so that a taken name may be drawn again.
   */
  static boolean forCreate(ObjectNode obj, ResourceType type, String namespace,
      java.util.function.UnaryOperator<String> names) {
    typeMetaFirst(obj, type);
    ObjectNode meta = Meta.metadata(obj);
    if (type.namespaced()) {
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    String name = meta.path("name").asText("");
    String generate = meta.path("generateName").asText("");
    boolean drawn = name.isEmpty() && !generate.isEmpty();
    if (drawn) {
      meta.put("name", names.apply(generate));
    }
    meta.put("uid", uid());
    meta.put("creationTimestamp", now());
    meta.put("generation", 1);
    meta.remove("resourceVersion");
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("managedFields");
    meta.remove("selfLink");
    return drawn;
  }

  /** Keeps what an update may not change and bumps generation when the spec changed. */
  public static void forUpdate(ObjectNode obj, ObjectNode old, ResourceType type) {
    typeMetaFirst(obj, type);
    ObjectNode meta = Meta.metadata(obj);
    JsonNode oldMeta = old.path("metadata");
    for (String f : new String[] {"uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation"}) {
      copy(oldMeta, meta, f);
    }
    meta.remove("managedFields");
    meta.remove("selfLink");
    meta.remove("resourceVersion");
    if (specChanged(obj, old)) {
      meta.put("generation", oldMeta.path("generation").asLong(1) + 1);
    }
  }

  /**
   * Sets kind and apiVersion as the first two fields, in that order, as Kubernetes writes every
   * object: a client reading a watch stream learns an object's type before the rest of it and
   * can decode the rest straight into that type (kubling's components do). Objects sent
   * without them, or with them last, are reordered once; stored ones keep the order.
   */
  static void typeMetaFirst(ObjectNode obj, ResourceType type) {
    java.util.Iterator<String> names = obj.fieldNames();
    if (names.hasNext() && names.next().equals("kind") && names.hasNext()
        && names.next().equals("apiVersion")) {
      obj.put("kind", type.kind());
      obj.put("apiVersion", type.apiVersion());
      return;
    }
    java.util.Map<String, JsonNode> rest = new java.util.LinkedHashMap<>();
    obj.fields().forEachRemaining(e -> rest.put(e.getKey(), e.getValue()));
    rest.remove("kind");
    rest.remove("apiVersion");
    obj.removeAll();
    obj.put("kind", type.kind());
    obj.put("apiVersion", type.apiVersion());
    obj.setAll(rest);
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    } else {
      to.remove(field);
    }
  }

  /** Anything outside metadata and status counts as spec, as Kubernetes' strategies judge it. */
  static boolean specChanged(ObjectNode obj, ObjectNode old) {
    return !equalExcept(obj, old, SPEC_IGNORES);
  }

  private static final Set<String> SPEC_IGNORES =
      Set.of("metadata", "status", "apiVersion", "kind");

  /** Equal in every top-level field but the ignored ones; compared in place, never copied. */
  private static boolean equalExcept(ObjectNode a, ObjectNode b, Set<String> ignored) {
    Set<String> names = new HashSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String n : names) {
      if (!ignored.contains(n) && !Objects.equals(a.get(n), b.get(n))) {
        return false;
      }
    }
    return true;
  }

  /** Equal apart from resourceVersion: such a write changes nothing and is skipped. */
  public static boolean sameObject(ObjectNode a, ObjectNode b) {
    return equalExcept(a, b, Set.of("metadata"))
        && equalExcept(metadataOf(a), metadataOf(b), Set.of("resourceVersion"));
  }

  private static ObjectNode metadataOf(ObjectNode o) {
    JsonNode m = o.get("metadata");
    return m instanceof ObjectNode meta ? meta : Json.object();
  }

  /**
   * A random (version 4) UUID. UIDs need uniqueness, not secrecy, and UUID.randomUUID's
   * SecureRandom is a lock every create would queue on.
   */
  static String uid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  public static String generateName(String base) {
    // Kubernetes trims the base so that base + suffix fits in 63 characters.
    String trimmed = base.length() > 58 ? base.substring(0, 58) : base;
    StringBuilder sb = new StringBuilder(trimmed);
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < 5; i++) {
      sb.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
    }
    return sb.toString();
  }
}

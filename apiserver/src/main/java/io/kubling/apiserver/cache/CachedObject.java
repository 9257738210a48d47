package io.kubling.apiserver.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import java.util.Map;

/**
 * An object as the cache holds it: the parsed tree (never mutated: copy before changing),
 * its JSON with metadata.resourceVersion set, serialized once, and its revision.
 */
public record CachedObject(String key, ObjectNode object, byte[] json, long revision,
    Map<String, String> labels) {

  /** Parses a stored value and stamps its resourceVersion. */
  public static CachedObject decode(String key, byte[] value, long revision) {
    return of(key, Json.parseObject(value), value, revision);
  }

  /**
   * Wraps an object (which this record then owns) and its stored JSON, stamped with the
   * revision: the JSON gets the resourceVersion spliced in rather than written again.
   */
  public static CachedObject of(String key, ObjectNode obj, byte[] stored, long revision) {
    if (obj.path("metadata").has("resourceVersion")) {
      return stamp(key, obj, revision); // written by someone else: write it our way
    }
    byte[] json = ResourceVersionSplice.splice(stored, revision);
    Meta.metadata(obj).put("resourceVersion", Long.toString(revision));
    return json == null ? stamp(key, obj, revision)
        : new CachedObject(key, obj, json, revision, Meta.labels(obj));
  }

  /** Wraps an object (which this record then owns) stamped with the given revision. */
  public static CachedObject stamp(String key, ObjectNode obj, long revision) {
    Meta.metadata(obj).put("resourceVersion", Long.toString(revision));
    return new CachedObject(key, obj, Json.bytes(obj), revision, Meta.labels(obj));
  }

  public String namespace() {
    return Meta.namespace(object);
  }

  public String name() {
    return Meta.name(object);
  }
}

package io.kubling.apiserver.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One change the cache saw, at one revision. Its JSON line is built once, however many
 * watchers receive it.
 */
public final class WatchEvent {
  /** Kubernetes' watch event types. */
  public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

  private final Type type;
  private final CachedObject object;
  private final CachedObject previous;
  private volatile byte[] line;

  public WatchEvent(Type type, CachedObject object, CachedObject previous) {
    this.type = type;
    this.object = object;
    this.previous = previous;
  }

  public Type type() {
    return type;
  }

  /** The object after the change; for DELETED the last state, stamped with the deletion revision. */
  public CachedObject object() {
    return object;
  }

  /** The object before the change; null for ADDED. */
  public CachedObject previous() {
    return previous;
  }

  public long revision() {
    return object.revision();
  }

  /** {@code {"type":"ADDED","object":{...}}\n}, built on first use and shared. */
  public byte[] line() {
    byte[] l = line;
    if (l == null) {
      l = line(type, object.json());
      line = l;
    }
    return l;
  }

  /** A watch line for any type and object JSON. */
  public static byte[] line(Type type, byte[] objectJson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(objectJson.length + 32);
    out.writeBytes(("{\"type\":\"" + type.name() + "\",\"object\":")
        .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(objectJson);
    out.writeBytes("}\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}

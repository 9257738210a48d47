package io.kubling.apiserver.storage;

/** A storage failure of a known kind; the generic store maps each to one API error. */
public abstract sealed class StorageError extends RuntimeException {
  StorageError(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** A create found the key (or one of its claims) present. */
  public static final class KeyExists extends StorageError {
    private final String key;

    public KeyExists(String key) {
      super("key exists: " + key, null);
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** A guarded write found another revision (current is null when the key is gone). */
  public static final class Conflict extends StorageError {
    private final KeyValue current;

    public Conflict(String key, KeyValue current) {
      super("revision changed: " + key, null);
      this.current = current;
    }

    public KeyValue current() {
      return current;
    }
  }

  /** The revision asked for has been compacted away. */
  public static final class Compacted extends StorageError {
    public Compacted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** etcd did not answer in time or is unreachable. */
  public static final class Unavailable extends StorageError {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A stored value no configured encryption provider can read. */
  public static final class Untransformable extends StorageError {
    private final String key;

    public Untransformable(String key, String why) {
      super("unable to transform key \"" + key + "\": " + why, null);
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}

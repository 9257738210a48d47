package io.kubling.apiserver.storage.encryption;

import java.util.Map;

/**
 * Routes each etcd key ({@code /registry/<plural>/...}) to its resource's transformer;
 * resources the configuration does not name are stored as plaintext.
 */
public final class ResourceTransformers implements ValueTransformer {
  private static final String PREFIX = "/registry/";

  private final Map<String, ValueTransformer> byPlural;

  ResourceTransformers(Map<String, ValueTransformer> byPlural) {
    this.byPlural = Map.copyOf(byPlural);
  }

  /** Whether values under this key go through a configured provider. */
  public boolean covers(String key) {
    return byPlural.containsKey(plural(key));
  }

  @Override
  public byte[] toStorage(String key, byte[] plain) {
    return of(key).toStorage(key, plain);
  }

  @Override
  public Read fromStorage(String key, byte[] stored) {
    return of(key).fromStorage(key, stored);
  }

  private ValueTransformer of(String key) {
    return byPlural.getOrDefault(plural(key), IDENTITY);
  }

  private static String plural(String key) {
    if (!key.startsWith(PREFIX)) {
      return "";
    }
    int end = key.indexOf('/', PREFIX.length());
    return end < 0 ? "" : key.substring(PREFIX.length(), end);
  }
}

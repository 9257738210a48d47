package io.kubling.apiserver.storage.encryption;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The providers of one resource, in order: the first writes, and a read goes to the first
 * provider whose prefix ({@code k8s:enc:aesgcm:v1:key1:}) the stored value starts with.
 * identity has the empty prefix but never claims a value that looks encrypted.
 */
final class PrefixTransformers implements ValueTransformer {
  static final String ENCRYPTED = "k8s:enc:";

  /** One provider key: its prefix and the transformer behind it. */
  record Entry(String prefix, ValueTransformer transformer) {
    byte[] prefixBytes() {
      return prefix.getBytes(StandardCharsets.UTF_8);
    }
  }

  private final List<Entry> entries;

  PrefixTransformers(List<Entry> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("at least one provider is needed");
    }
    this.entries = List.copyOf(entries);
  }

  @Override
  public byte[] toStorage(String key, byte[] plain) {
    Entry first = entries.get(0);
    byte[] body = first.transformer().toStorage(key, plain);
    byte[] prefix = first.prefixBytes();
    byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  @Override
  public Read fromStorage(String key, byte[] stored) {
    boolean looksEncrypted = startsWith(stored, ENCRYPTED.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      byte[] prefix = e.prefixBytes();
      if (prefix.length == 0 && looksEncrypted) {
        continue; // identity must not hand out ciphertext as if it were an object
      }
      if (startsWith(stored, prefix)) {
        Read r = e.transformer().fromStorage(key,
            Arrays.copyOfRange(stored, prefix.length, stored.length));
        return new Read(r.plain(), r.stale() || i != 0);
      }
    }
    throw new TransformException(looksEncrypted
        ? "no matching prefix found (" + describe(stored) + ")"
        : "no matching prefix found (the value is not encrypted and identity is not listed)");
  }

  /** The provider and key named in an encrypted value, for error messages. */
  private static String describe(byte[] stored) {
    String head = new String(stored, 0, Math.min(stored.length, 80), StandardCharsets.UTF_8);
    String[] parts = head.split(":", 6);
    return parts.length >= 5 ? "written by " + parts[2] + " key " + parts[4] : "unknown format";
  }

  static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

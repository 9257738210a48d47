package io.kubling.apiserver.storage.encryption;

/**
 * Turns an object's bytes into what is stored in etcd and back, as kube-apiserver's value
 * transformers do. The etcd key is passed along so ciphers can bind a value to its key.
 */
public interface ValueTransformer {
  /** Stores plaintext unchanged. */
  ValueTransformer IDENTITY = new ValueTransformer() {
    @Override
    public byte[] toStorage(String key, byte[] plain) {
      return plain;
    }

    @Override
    public Read fromStorage(String key, byte[] stored) {
      return new Read(stored, false);
    }
  };

  /**
   * What a read found.
   *
   * @param plain the object's bytes
   * @param stale whether a rewrite would store it differently (an older provider or key wrote
   *     it), so a no-op update should still write
   */
  record Read(byte[] plain, boolean stale) {}

  byte[] toStorage(String key, byte[] plain);

  /** Throws {@link TransformException} when the value cannot be read. */
  Read fromStorage(String key, byte[] stored);
}

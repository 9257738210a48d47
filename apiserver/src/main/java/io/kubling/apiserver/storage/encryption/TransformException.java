package io.kubling.apiserver.storage.encryption;

/** A stored value no configured provider can read (wrong key, tampered, unknown prefix). */
public final class TransformException extends RuntimeException {
  public TransformException(String message) {
    super(message, null, false, false);
  }
}

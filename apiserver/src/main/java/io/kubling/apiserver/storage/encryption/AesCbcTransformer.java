package io.kubling.apiserver.storage.encryption;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * aescbc: a random 16-byte IV, then AES-CBC ciphertext with PKCS#7 padding (the JDK's
 * "PKCS5Padding" is PKCS#7 for AES's 16-byte blocks). Unauthenticated, as upstream's is.
 */
final class AesCbcTransformer implements ValueTransformer {
  private static final int BLOCK = 16;

  private final SecretKeySpec key;
  private final SecureRandom random;

  AesCbcTransformer(byte[] secret, SecureRandom random) {
    this.key = new SecretKeySpec(secret, "AES");
    this.random = random;
  }

  @Override
  public byte[] toStorage(String etcdKey, byte[] plain) {
    byte[] iv = new byte[BLOCK];
    random.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      byte[] sealed = c.doFinal(plain);
      byte[] out = Arrays.copyOf(iv, BLOCK + sealed.length);
      System.arraycopy(sealed, 0, out, BLOCK, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC unavailable: " + e.getMessage(), e);
    }
  }

  @Override
  public Read fromStorage(String etcdKey, byte[] stored) {
    if (stored.length < 2 * BLOCK || stored.length % BLOCK != 0) {
      throw new TransformException("the stored data is not a multiple of the block size");
    }
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(stored, 0, BLOCK));
      return new Read(c.doFinal(stored, BLOCK, stored.length - BLOCK), false);
    } catch (GeneralSecurityException e) {
      // A wrong key almost always shows as bad padding; say so without guessing further.
      throw new TransformException("invalid PKCS7 data (empty or not padded)");
    }
  }
}

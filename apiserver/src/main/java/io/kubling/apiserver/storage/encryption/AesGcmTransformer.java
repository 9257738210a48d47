package io.kubling.apiserver.storage.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * aesgcm: a random 12-byte nonce, then AES-GCM ciphertext and its 16-byte tag. The etcd key is
 * the additional authenticated data, so a value copied under another key does not decrypt.
 */
final class AesGcmTransformer implements ValueTransformer {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  AesGcmTransformer(byte[] secret, SecureRandom random) {
    this.key = new SecretKeySpec(secret, "AES");
    this.random = random;
  }

  @Override
  public byte[] toStorage(String etcdKey, byte[] plain) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(etcdKey.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
    }
  }

  @Override
  public Read fromStorage(String etcdKey, byte[] stored) {
    if (stored.length < NONCE + TAG_BITS / 8) {
      throw new TransformException("the stored data was shorter than the required size");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE));
      c.updateAAD(etcdKey.getBytes(StandardCharsets.UTF_8));
      return new Read(c.doFinal(stored, NONCE, stored.length - NONCE), false);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new TransformException("cipher: message authentication failed");
    } catch (GeneralSecurityException e) {
      throw new TransformException("aesgcm: " + e.getMessage());
    }
  }
}

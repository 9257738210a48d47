package io.kubling.apiserver.serviceaccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RSA keys for tests, written as kubeadm writes sa.key: PKCS#8 PEM. */
public final class TestKeys {
  private TestKeys() {}

  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pkcs8Pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** A fresh key written to dir/sa.key; returns its path. */
  public static Path writeSigningKey(Path dir) {
    try {
      Path file = dir.resolve("sa.key");
      Files.writeString(file, pkcs8Pem(rsa()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

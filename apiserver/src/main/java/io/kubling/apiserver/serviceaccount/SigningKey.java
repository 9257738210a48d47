package io.kubling.apiserver.serviceaccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key pair of --service-account-signing-key-file (PKCS#8 PEM, as kubeadm's sa.key),
 * with the public half derived from the private key so one file is enough.
 */
public record SigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

  /** Reads a PEM "PRIVATE KEY" (PKCS#8) RSA key. */
  public static SigningKey load(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the service-account signing key "
          + file + ": " + e.getMessage(), e);
    }
    return parse(pem, file.toString());
  }

  static SigningKey parse(String pem, String where) {
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("the service-account signing key " + where
          + " is not a PEM PKCS#8 private key (BEGIN PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey k)) {
        throw new IllegalArgumentException("the service-account signing key " + where
            + " is not an RSA key with CRT parameters");
      }
      RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(
          new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
      return new SigningKey(k, pub);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the service-account signing key " + where
          + " is not an RSA private key: " + e.getMessage(), e);
    }
  }

  /** The JWT header's kid: base64url(SHA-256(public key DER)), unpadded, as kube-apiserver. */
  public static String keyId(RSAPublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  public String keyId() {
    return keyId(publicKey);
  }
}

package io.kubling.cli.pki;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The ServiceAccount token key pair, as kubeadm makes it: {@code sa.key} (RSA 2048, PKCS#8
 * PEM) signs tokens (--service-account-signing-key-file), {@code sa.pub} (PEM public key)
 * verifies them (--service-account-key-file). Not a certificate: nothing expires.
 */
final class ServiceAccountKeys {
  static final String NAME = "sa";

  private ServiceAccountKeys() {}

  /**
   * Makes sa.key and sa.pub when sa.key is missing; writes sa.pub again from sa.key when only
   * the public half is missing. Returns whether the pair was made.
   */
  static boolean ensure(Path pkiDir) {
    Path key = pkiDir.resolve("sa.key");
    Path pub = pkiDir.resolve("sa.pub");
    if (Files.exists(key)) {
      if (!Files.exists(pub)) {
        Pem.writePublicKey(pub, publicOf(key));
      }
      return false;
    }
    KeyPair pair;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      pair = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA unavailable: " + e.getMessage(), e);
    }
    Pem.writeKey(key, pair.getPrivate());
    Pem.writePublicKey(pub, pair.getPublic());
    return true;
  }

  /** The public key of an RSA PKCS#8 private key file. */
  static java.security.PublicKey publicOf(Path keyFile) {
    try (PemReader r = new PemReader(new StringReader(Files.readString(keyFile)))) {
      PemObject o = r.readPemObject();
      if (o == null || !o.getType().equals("PRIVATE KEY")) {
        throw new PkiException("cannot read " + keyFile + ": not a PKCS#8 PRIVATE KEY");
      }
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.generatePrivate(
          new PKCS8EncodedKeySpec(o.getContent()));
      return rsa.generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new PkiException("cannot read " + keyFile + ": " + e.getMessage());
    }
  }
}

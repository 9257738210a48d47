package io.kubling.apiserver.authentication;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the PEM files kube-apiserver's flags name: CA bundles and ServiceAccount keys. */
public final class PemFiles {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

  private PemFiles() {}

  record Block(String type, byte[] der) {}

  static List<Block> blocks(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e);
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": bad base64 in a " + m.group(1) + " block");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM block");
    }
    return out;
  }

  /** Every CERTIFICATE of a bundle (--client-ca-file). */
  public static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(file)) {
        if (b.type().equals("CERTIFICATE")) {
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not a certificate: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no CERTIFICATE");
    }
    return out;
  }

  /**
   * The RSA public keys of a --service-account-key-file: PUBLIC KEY blocks, PKCS#8 PRIVATE
   * KEY blocks (whose public half is used, as kube-apiserver accepts sa.key too) and
   * certificates.
   */
  public static List<PublicKey> rsaPublicKeys(Path file) {
    List<PublicKey> out = new ArrayList<>();
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      for (Block b : blocks(file)) {
        switch (b.type()) {
          case "PUBLIC KEY" -> out.add(rsa.generatePublic(new X509EncodedKeySpec(b.der())));
          case "PRIVATE KEY" -> {
            var key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(b.der()));
            out.add(rsa.generatePublic(
                new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
          }
          case "CERTIFICATE" -> out.add(CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(b.der())).getPublicKey());
          default -> throw new IllegalArgumentException(file + ": unsupported PEM block "
              + b.type() + " (want PUBLIC KEY, PRIVATE KEY (PKCS#8) or CERTIFICATE)");
        }
      }
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(file + ": not an RSA key: " + e.getMessage());
    }
    return out;
  }
}

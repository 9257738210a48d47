package io.kubling.cli.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM files: certificates ("CERTIFICATE") and PKCS#8 private keys ("PRIVATE KEY", which
 * etcd, Go's TLS and Netty all read). Keys are written 0600 from the first byte.
 */
public final class Pem {
  private Pem() {}

  static void writeCertificate(Path file, X509Certificate cert) {
    write(file, pem(cert), "rw-r--r--");
  }

  static void writeKey(Path file, PrivateKey key) {
    write(file, pem(new PemObject("PRIVATE KEY", key.getEncoded())), "rw-------");
  }

  /** A public key as "PUBLIC KEY" (X.509 SubjectPublicKeyInfo), as openssl writes sa.pub. */
  static void writePublicKey(Path file, java.security.PublicKey key) {
    write(file, pem(new PemObject("PUBLIC KEY", key.getEncoded())), "rw-r--r--");
  }

  /** The whole text of a PEM file, for embedding in a kubeconfig. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PkiException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * A private key as a kubeconfig carries it: an EC key as SEC1 "EC PRIVATE KEY" with its
   * curve named (kubeadm's form for ECDSA keys; kubectl reads it, and it is the form by which
   * the fabric8 client tells an EC key from an RSA one), any other key as it is on disk.
   */
  public static String kubeconfigKey(Path keyFile) {
    String text = read(keyFile);
    try (PemReader r = new PemReader(new StringReader(text))) {
      PemObject o = r.readPemObject();
      if (o == null || !o.getType().equals("PRIVATE KEY")) {
        return text;
      }
      org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
          org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(o.getContent());
      if (!info.getPrivateKeyAlgorithm().getAlgorithm()
          .equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey)) {
        return text;
      }
      org.bouncycastle.asn1.sec.ECPrivateKey inner =
          org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
      org.bouncycastle.asn1.ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
      int bits = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(
          org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(curve)).getN().bitLength();
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 = inner.getPublicKey() == null
          ? new org.bouncycastle.asn1.sec.ECPrivateKey(bits, inner.getKey(), curve)
          : new org.bouncycastle.asn1.sec.ECPrivateKey(bits, inner.getKey(),
              inner.getPublicKey(), curve);
      return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    } catch (IOException | RuntimeException e) {
      throw new PkiException("cannot read key " + keyFile + ": " + e.getMessage());
    }
  }

  static X509Certificate readCertificate(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new PkiException("cannot read certificate " + file + ": " + e.getMessage());
    }
  }

  /** The key pair of a certificate and its PKCS#8 key file. */
  static KeyPair readKeyPair(Path keyFile, X509Certificate cert) {
    try (PemReader r = new PemReader(new StringReader(Files.readString(keyFile)))) {
      PemObject o = r.readPemObject();
      if (o == null || !o.getType().equals("PRIVATE KEY")) {
        throw new PkiException("cannot read key " + keyFile + ": not a PKCS#8 PRIVATE KEY");
      }
      String alg = cert.getPublicKey().getAlgorithm();
      PrivateKey key = KeyFactory.getInstance(alg)
          .generatePrivate(new PKCS8EncodedKeySpec(o.getContent()));
      return new KeyPair(cert.getPublicKey(), key);
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new PkiException("cannot read key " + keyFile + ": " + e.getMessage());
    }
  }

  private static String pem(Object o) {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  /** Writes a sibling temp file with the final permissions, then moves it into place. */
  private static void write(Path file, String text, String perms) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString(perms)));
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new PkiException("cannot write " + file + ": " + e.getMessage());
    }
  }
}

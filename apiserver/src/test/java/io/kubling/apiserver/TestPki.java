package io.kubling.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests of the API server's HTTPS and client-certificate authentication,
 * made with BouncyCastle (test scope only; kubling's own PKI lives in the kubling module).
 */
public final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A key pair and the certificate for it, with the CA that signed it (null: self). */
  public record Issued(KeyPair keys, X509Certificate cert) {
    /** Writes name.crt and name.key (PKCS#8) under dir; returns {crt, key}. */
    public Path[] write(Path dir, String name) {
      Path crt = dir.resolve(name + ".crt");
      Path key = dir.resolve(name + ".key");
      try {
        Files.writeString(crt, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      return new Path[] {crt, key};
    }
  }

  private TestPki() {}

  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  public static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Issued ca(String cn) {
    KeyPair keys = ec();
    X500Name name = new X500Name("CN=" + cn);
    return new Issued(keys, sign(name, keys, name, keys.getPrivate(), true, null, null));
  }

  /** A serving certificate for 127.0.0.1 and localhost. */
  public static Issued server(Issued ca) {
    KeyPair keys = ec();
    GeneralNames sans = new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost")});
    return new Issued(keys, sign(new X500Name("CN=kube-apiserver"), keys, issuer(ca),
        ca.keys().getPrivate(), false, KeyPurposeId.id_kp_serverAuth, sans));
  }

  /** A client certificate: CN the user, each O a group. */
  public static Issued client(Issued ca, String cn, String... organizations) {
    return client(ca, ec(), subject(cn, organizations));
  }

  public static X500Name subject(String cn, String... organizations) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    for (String o : organizations) {
      b.addRDN(BCStyle.O, o);
    }
    if (cn != null) {
      b.addRDN(BCStyle.CN, cn);
    }
    return b.build();
  }

  public static Issued client(Issued ca, KeyPair keys, X500Name subject) {
    return new Issued(keys, sign(subject, keys, issuer(ca), ca.keys().getPrivate(), false,
        KeyPurposeId.id_kp_clientAuth, null));
  }

  private static X500Name issuer(Issued ca) {
    return X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
  }

  private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer,
      PrivateKey signer, boolean isCa, KeyPurposeId purpose, GeneralNames sans) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
          new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (isCa) {
        b.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      }
      if (sans != null) {
        b.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      String alg = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}

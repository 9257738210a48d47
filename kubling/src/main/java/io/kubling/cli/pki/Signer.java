package io.kubling.cli.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes keys and X.509 certificates: self-signed CAs and leaves signed by one, with the
 * key usages kubeadm gives them. ECDSA P-256 keys (kubeadm's ECDSA-P256 option): quick to
 * make and read by etcd, Go's TLS, Netty and kubectl alike.
 */
final class Signer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Signer() {}

  static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 unavailable: " + e.getMessage(), e);
    }
  }

  static X509Certificate selfSignedCa(String commonName, KeyPair key, Instant now,
      Duration validity) {
    X500Name subject = name(commonName, List.of());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(subject, subject, key, now, validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(
              KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ext.createSubjectKeyIdentifier(key.getPublic()));
      return sign(b, key);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build CA " + commonName + ": " + e.getMessage(), e);
    }
  }

  static X509Certificate leaf(CertSpec spec, java.security.PublicKey publicKey,
      X509Certificate caCert, KeyPair caKey, Instant now, Duration validity) {
    X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      List<KeyPurposeId> purposes = new ArrayList<>();
      if (spec.server()) {
        purposes.add(KeyPurposeId.id_kp_serverAuth);
      }
      if (spec.client()) {
        purposes.add(KeyPurposeId.id_kp_clientAuth);
      }
      X509v3CertificateBuilder b = builder(issuer, name(spec.commonName(),
          spec.organizations()), new KeyPair(publicKey, null), now, validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(
              KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(caCert));
      List<GeneralName> sans = new ArrayList<>();
      spec.dnsNames().forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
      for (String ip : spec.ipAddresses()) {
        sans.add(new GeneralName(GeneralName.iPAddress, ipLiteral(ip)));
      }
      if (!sans.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      return sign(b, caKey);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build " + spec.name() + ": " + e.getMessage(), e);
    }
  }

  /** A certificate's DNS and IP SANs, IPs normalised by {@link #ipLiteral}. */
  private record Sans(Set<String> dns, Set<String> ips) {
    /** Both kinds in one set, as {@link #covers} matches them. */
    Set<String> all() {
      Set<String> all = new HashSet<>(dns);
      all.addAll(ips);
      return all;
    }
  }

  /** The certificate's SANs, or null when they cannot be read. */
  private static Sans sans(X509Certificate cert) {
    Set<String> dns = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    try {
      var sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          String v = String.valueOf(san.get(1));
          // IP SANs come back as text; normalise so "::1" and "0:0:0:0:0:0:0:1" match.
          if (((Integer) san.get(0)) == GeneralName.iPAddress) {
            ips.add(ipLiteral(v));
          } else {
            dns.add(v);
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      return null;
    }
    return new Sans(dns, ips);
  }

  /**
   * The spec with the certificate's own SANs added: kubeadm's renew takes the existing
   * certificate as the authority on its names, so a renewal run without the flags that once
   * added a name (an etcd host name in compose, a node address) does not drop it.
   */
  static CertSpec withSansOf(X509Certificate cert, CertSpec spec) {
    Sans have = sans(cert);
    if (have == null) {
      return spec; // unreadable names: the spec's own are all there is
    }
    Set<String> dns = new LinkedHashSet<>(spec.dnsNames());
    dns.addAll(have.dns());
    Set<String> ips = new LinkedHashSet<>();
    spec.ipAddresses().forEach(ip -> ips.add(ipLiteral(ip)));
    ips.addAll(have.ips());
    return new CertSpec(spec.name(), spec.path(), spec.ca(), spec.commonName(),
        spec.organizations(), List.copyOf(dns), List.copyOf(ips), spec.server(), spec.client());
  }

  /** Whether {@code cert} names every DNS name and IP address {@code spec} asks for. */
  static boolean covers(X509Certificate cert, CertSpec spec) {
    Sans sans = sans(cert);
    if (sans == null) {
      return false;
    }
    Set<String> have = sans.all();
    return spec.dnsNames().stream().allMatch(have::contains)
        && spec.ipAddresses().stream().map(Signer::ipLiteral).allMatch(have::contains);
  }

  /** The subject's O values, in order: a client certificate's groups. */
  static List<String> organizations(X509Certificate cert) {
    X500Name n = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    List<String> orgs = new ArrayList<>();
    for (var rdn : n.getRDNs(BCStyle.O)) {
      orgs.add(rdn.getFirst().getValue().toString());
    }
    return orgs;
  }

  /** An IP literal, checked without ever asking DNS. */
  static String ipLiteral(String ip) {
    if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new PkiException("not an IP address: " + ip);
    }
    try {
      return InetAddress.getByName(ip).getHostAddress();
    } catch (UnknownHostException e) {
      throw new PkiException("not an IP address: " + ip);
    }
  }

  private static X500Name name(String cn, List<String> orgs) {
    X500NameBuilder n = new X500NameBuilder(BCStyle.INSTANCE);
    orgs.forEach(o -> n.addRDN(BCStyle.O, o));
    n.addRDN(BCStyle.CN, cn);
    return n.build();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
      KeyPair subjectKey, Instant now, Duration validity) {
    // Backdated a little, as kubeadm does, so a clock slightly behind still accepts it.
    Date notBefore = Date.from(now.minus(Duration.ofMinutes(5)));
    Date notAfter = Date.from(now.plus(validity));
    BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(issuer, serial, notBefore, notAfter, subject,
        subjectKey.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder(
              signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA"
                  : "SHA256withECDSA").build(signer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }
}

package io.kubling.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Chain names as kube-proxy derives them: a prefix and the first characters of the base32 of a
 * sha256, so that a service keeps its chain across restarts and names stay within iptables'
 * 28-character limit.
 */
public final class ChainNames {
  private ChainNames() {}

  /** KUBE-SVC-: the service port's load-balancing chain. */
  public static String svc(ServicePort sp) {
    return "KUBE-SVC-" + portProtoHash(sp);
  }

  /** KUBE-SVL-: the same over local endpoints only (Local traffic policies). */
  public static String svl(ServicePort sp) {
    return "KUBE-SVL-" + portProtoHash(sp);
  }

  /** KUBE-EXT-: where NodePort, external and load-balancer traffic enters. */
  public static String ext(ServicePort sp) {
    return "KUBE-EXT-" + portProtoHash(sp);
  }

  /** KUBE-SEP-: one endpoint's DNAT chain. */
  public static String sep(ServicePort sp, Endpoint ep) {
    return "KUBE-SEP-" + base32Sha256(sp.name() + sp.protocol().lower() + ep.hostPort(), 16);
  }

  /** The base of the nftables chain names: {@code ns/name/proto/port}. */
  public static String nftBase(ServicePort sp) {
    ServicePortName n = sp.name();
    return n.namespace() + "/" + n.name() + "/" + sp.protocol().lower() + "/" + n.port();
  }

  /** An nftables name: the 8-character hash of the base, then the readable base. */
  public static String nft(String prefix, String base) {
    return prefix + "-" + base32Sha256(base, 8) + "-" + base;
  }

  /** The nftables base name of one endpoint of a service port. */
  public static String nftEndpointBase(ServicePort sp, Endpoint ep) {
    return nftBase(sp) + "__" + ep.ip() + "/" + ep.port();
  }

  private static String portProtoHash(ServicePort sp) {
    return base32Sha256(sp.name() + sp.protocol().lower(), 16);
  }

  static String base32Sha256(String s, int chars) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return base32(hash).substring(0, chars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  // There is no base32 in the JDK, hence this small RFC 4648 encoder.
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  // RFC 4648 base32, as Go's base32.StdEncoding; only the leading characters are ever used, so
  // no padding is produced.
  private static String base32(byte[] data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}

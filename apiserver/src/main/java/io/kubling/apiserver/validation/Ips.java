package io.kubling.apiserver.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** IP address and CIDR checks with Kubernetes' wording; never does a DNS lookup. */
public final class Ips {
  static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
  static final String INVALID_CIDR =
      "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

  private Ips() {}

  /** The address bytes (4 or 16) of a literal IP, or null. Leading zeros are refused as Go does. */
  public static byte[] parse(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    if (s.indexOf(':') < 0) {
      return parseV4(s);
    }
    // Only hex digits, colons and dots reach InetAddress, so it parses and never resolves.
    if (s.charAt(0) == '.'
        || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    try {
      byte[] b = InetAddress.getByName(s).getAddress();
      return b.length == 4 ? v4Mapped(b) : b;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** True for a dotted-quad IPv4 address (an IPv4-mapped IPv6 one counts, as in Go). */
  public static boolean isIPv4(String s) {
    byte[] b = parse(s);
    return b != null && isV4Mapped(b);
  }

  public static List<FieldError> validIp(String path, String value) {
    return parse(value) == null ? List.of(FieldError.invalid(path, value, INVALID_IP)) : List.of();
  }

  public static List<FieldError> validIPv4(String path, String value) {
    return isIPv4(value) ? List.of()
        : List.of(FieldError.invalid(path, value, "must be a valid IPv4 address"));
  }

  public static List<FieldError> validCidr(String path, String value) {
    int slash = value == null ? -1 : value.indexOf('/');
    if (slash > 0 && value.substring(slash + 1).matches("[0-9]{1,3}")) {
      byte[] ip = parse(value.substring(0, slash));
      int bits = Integer.parseInt(value.substring(slash + 1));
      if (ip != null && bits <= (isV4Mapped(ip) && value.indexOf(':') < 0 ? 32 : 128)) {
        return List.of();
      }
    }
    return List.of(FieldError.invalid(path, value, INVALID_CIDR));
  }

  /** An endpoint address may not be unspecified, loopback or link-local (ValidateNonSpecialIP). */
  public static List<FieldError> nonSpecial(String path, String value) {
    List<FieldError> errs = new ArrayList<>();
    byte[] b = parse(value);
    if (b == null) {
      errs.add(FieldError.invalid(path, value, "must be a valid IP address"));
      return errs;
    }
    boolean v4 = isV4Mapped(b);
    int a0 = b[v4 ? 12 : 0] & 0xff;
    int a1 = b[v4 ? 13 : 1] & 0xff;
    int a2 = b[v4 ? 14 : 2] & 0xff;
    if (allZero(b, v4 ? 12 : 0)) {
      errs.add(FieldError.invalid(path, value, "may not be unspecified (" + value + ")"));
    }
    if (v4 ? a0 == 127 : allZero(b, 0, 15) && b[15] == 1) {
      errs.add(FieldError.invalid(path, value,
          "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    }
    if (v4 ? a0 == 169 && a1 == 254 : a0 == 0xfe && (a1 & 0xc0) == 0x80) {
      errs.add(FieldError.invalid(path, value,
          "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    }
    if (v4 ? a0 == 224 && a1 == 0 && a2 == 0 : a0 == 0xff && (a1 & 0x0f) == 0x02) {
      errs.add(FieldError.invalid(path, value,
          "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
    return errs;
  }

  private static byte[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (!p.matches("[0-9]{1,3}") || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return v4Mapped(b);
  }

  /** Addresses are kept as 16 bytes, IPv4 as ::ffff:a.b.c.d, as Go's net.IP does. */
  private static byte[] v4Mapped(byte[] v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4, 0, b, 12, 4);
    return b;
  }

  private static boolean isV4Mapped(byte[] b) {
    return allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static boolean allZero(byte[] b, int from) {
    return allZero(b, from, b.length);
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}

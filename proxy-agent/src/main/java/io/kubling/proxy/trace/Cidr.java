package io.kubling.proxy.trace;

/** IPv4 address and CIDR arithmetic for the tracer. */
final class Cidr {
  private Cidr() {}

  static long ip(String dotted) {
    String[] p = dotted.split("\\.");
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    long v = 0;
    for (String s : p) {
      v = (v << 8) | Integer.parseInt(s);
    }
    return v;
  }

  /** True when {@code address} is in {@code cidr} (a bare address is a /32). */
  static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    int bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    long net = ip(slash < 0 ? cidr : cidr.substring(0, slash));
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return (ip(address) & mask) == (net & mask);
  }
}

package io.kubling.apiserver.allocator;

/** An IPv4 CIDR such as 10.96.0.0/12, with the arithmetic the ClusterIP allocator needs. */
public record Ipv4Range(long base, int prefix) {

  public static Ipv4Range parse(String cidr) {
    String[] parts = cidr.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 1 || prefix > 30) {
      throw new IllegalArgumentException("prefix length must be 1..30: " + cidr);
    }
    long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return new Ipv4Range(toLong(parts[0]) & mask, prefix);
  }

  /** Usable addresses: the network and broadcast addresses are never handed out. */
  public long size() {
    return (1L << (32 - prefix)) - 2;
  }

  /** The i-th usable address (0 = the first, base + 1). */
  public String address(long i) {
    return toString(base + 1 + i);
  }

  public boolean contains(String ip) {
    long v = toLong(ip);
    return v > base && v < base + (1L << (32 - prefix)) - 1;
  }

  public static long toLong(String ip) {
    String[] p = ip.trim().split("\\.");
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    long v = 0;
    for (String s : p) {
      int o = Integer.parseInt(s);
      if (o < 0 || o > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      v = (v << 8) | o;
    }
    return v;
  }

  public static String toString(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  @Override
  public String toString() {
    return toString(base) + "/" + prefix;
  }
}

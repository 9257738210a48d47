package io.kubling.agent.runtime;

/** An IPv4 CIDR such as 10.244.1.0/24, parsed once. */
public record Ipv4Cidr(int network, int prefix) {

  public static Ipv4Cidr parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 0 || prefix > 30) {
      throw new IllegalArgumentException("pod CIDR prefix must be /0-/30, got " + cidr);
    }
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    return new Ipv4Cidr(toInt(cidr.substring(0, slash)) & mask, prefix);
  }

  static int toInt(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    int v = 0;
    for (String p : parts) {
      int b = Integer.parseInt(p);
      if (b < 0 || b > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  static String toText(int v) {
    return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }

  /** Number of addresses, network and broadcast included. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The i-th address of the range (0 is the network address). */
  public String address(long i) {
    return toText(network + (int) i);
  }

  /** The gateway the bridge plugin gives the node: the first host address. */
  public String gateway() {
    return address(1);
  }

  public boolean contains(String ip) {
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    return (toInt(ip) & mask) == network;
  }

  @Override
  public String toString() {
    return toText(network) + "/" + prefix;
  }
}

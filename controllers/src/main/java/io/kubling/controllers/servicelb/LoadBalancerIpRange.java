package io.kubling.controllers.servicelb;

import io.kubling.controllers.Ipv4;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses --load-balancer-ip-range hands out: {@code FIRST-LAST} (inclusive) or a CIDR
 * (every address but the network and broadcast ones, for prefixes up to /30). IPv4. Pure.
 */
public record LoadBalancerIpRange(long first, long last) {

  public LoadBalancerIpRange {
    if (first > last) {
      throw new IllegalArgumentException("--load-balancer-ip-range: the first address is after"
          + " the last");
    }
  }

  public static LoadBalancerIpRange parse(String text) {
    String t = text.strip();
    try {
      if (t.contains("/")) {
        String[] p = t.split("/");
        int prefix = Integer.parseInt(p[1]);
        if (prefix < 8 || prefix > 32) {
          throw new IllegalArgumentException("prefix /" + prefix + " outside /8../32");
        }
        long size = 1L << (32 - prefix);
        long base = Ipv4.toLong(p[0]) & ~(size - 1) & 0xffffffffL;
        return size <= 2 ? new LoadBalancerIpRange(base, base + size - 1)
            : new LoadBalancerIpRange(base + 1, base + size - 2);
      }
      String[] p = t.split("-");
      if (p.length != 2) {
        throw new IllegalArgumentException("expected FIRST-LAST or a CIDR");
      }
      return new LoadBalancerIpRange(Ipv4.toLong(p[0].strip()), Ipv4.toLong(p[1].strip()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--load-balancer-ip-range " + text + ": "
          + e.getMessage(), e);
    }
  }

  public boolean contains(String ip) {
    try {
      long v = Ipv4.toLong(ip);
      return v >= first && v <= last;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The lowest address of the range not in {@code used}; empty when all are taken. */
  public Optional<String> next(Set<String> used) {
    for (long v = first; v <= last; v++) {
      String ip = Ipv4.toIp(v);
      if (!used.contains(ip)) {
        return Optional.of(ip);
      }
    }
    return Optional.empty();
  }

  public long size() {
    return last - first + 1;
  }
}

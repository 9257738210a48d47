package io.kubling.controllers.nodeipam;

import io.kubling.controllers.Ipv4;
import java.util.Optional;
import java.util.Set;

/** Cuts a cluster CIDR into per-node ranges and picks the first free one (IPv4). */
public final class NodeCidrs {
  private NodeCidrs() {}

  /** The lowest range of the given prefix length inside clusterCidr that is not in use. */
  public static Optional<String> next(String clusterCidr, int maskSize, Set<String> used) {
    String[] parts = clusterCidr.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("--cluster-cidr must be an IPv4 CIDR, got " + clusterCidr);
    }
    int prefix = Integer.parseInt(parts[1]);
    if (maskSize < prefix || maskSize > 30) {
      throw new IllegalArgumentException("--node-cidr-mask-size " + maskSize
          + " must be between the cluster prefix /" + prefix + " and /30");
    }
    long base = Ipv4.toLong(parts[0]) & mask(prefix);
    long count = 1L << (maskSize - prefix);
    long step = 1L << (32 - maskSize);
    for (long i = 0; i < count; i++) {
      String cidr = Ipv4.toIp(base + i * step) + "/" + maskSize;
      if (!used.contains(cidr)) {
        return Optional.of(cidr);
      }
    }
    return Optional.empty();
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
  }
}

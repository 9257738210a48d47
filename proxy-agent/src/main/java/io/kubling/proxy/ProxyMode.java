package io.kubling.proxy;

import java.util.Locale;

/** The service proxy's modes, as --proxy-mode spells them. */
public enum ProxyMode {
  USERSPACE,
  IPTABLES,
  IPVS,
  NFTABLES;

  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a --proxy-mode value; empty means the default, iptables. Unknown values are refused. */
  public static ProxyMode parse(String value) {
    if (value == null || value.isEmpty()) {
      return IPTABLES;
    }
    for (ProxyMode m : values()) {
      if (m.flagValue().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown --proxy-mode " + value
        + ": expected userspace, iptables, ipvs or nftables");
  }
}

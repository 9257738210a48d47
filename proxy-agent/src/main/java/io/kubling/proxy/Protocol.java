package io.kubling.proxy;

import java.util.Locale;

/** The transport protocols the proxy forwards; SCTP is refused by name where services are read. */
public enum Protocol {
  TCP,
  UDP;

  /** The lower-case spelling iptables, nft and chain-name hashes use. */
  public String lower() {
    return name().toLowerCase(Locale.ROOT);
  }
}

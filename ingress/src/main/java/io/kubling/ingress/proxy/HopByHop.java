package io.kubling.ingress.proxy;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/** Headers that belong to one connection (RFC 9110 §7.6.1) and so are not forwarded. */
final class HopByHop {
  private static final Set<String> NAMES = Set.of("connection", "keep-alive",
      "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
      "transfer-encoding", "upgrade");

  private HopByHop() {}

  /** Copies from into to, leaving out hop-by-hop headers and those Connection names. */
  static void copy(MultiMap from, MultiMap to) {
    String connection = from.get("connection");
    Set<String> listed = connection == null ? Set.of()
        : Set.of(connection.toLowerCase(Locale.ROOT).replace(" ", "").split(","));
    for (var e : from) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (!NAMES.contains(name) && !listed.contains(name)) {
        to.add(e.getKey(), e.getValue());
      }
    }
  }
}

package io.kubling.ingress.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** Headers that belong to one connection (RFC 9110 §7.6.1) and so are not forwarded. */
final class HopByHop {
  private HopByHop() {}

  /**
   * Copies from into to in one pass, leaving out hop-by-hop headers and those Connection
   * names. Runs for every proxied request and response, so it compares names in place
   * (ignoring case) instead of lower-casing each one.
   */
  static void copy(MultiMap from, MultiMap to) {
    List<String> listed = listedIn(from.get(HttpHeaders.CONNECTION));
    from.forEach((name, value) -> {
      if (forwarded(name, listed)) {
        to.add(name, value);
      }
    });
  }

  /** Whether a header goes on to the next hop, given what the Connection header listed. */
  static boolean forwarded(String name, List<String> listed) {
    return !isHopByHop(name) && (listed == null || !contains(listed, name));
  }

  static boolean isHopByHop(String name) {
    return switch (name.length()) {
      case 2 -> name.equalsIgnoreCase("te");
      case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
      case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 16 -> name.equalsIgnoreCase("proxy-connection");
      case 17 -> name.equalsIgnoreCase("transfer-encoding");
      case 18 -> name.equalsIgnoreCase("proxy-authenticate");
      case 19 -> name.equalsIgnoreCase("proxy-authorization");
      default -> false;
    };
  }

  /**
   * The header names a Connection header lists, or null when it lists none beyond the
   * usual close / keep-alive (then nothing more is left out).
   */
  static List<String> listedIn(String connection) {
    if (connection == null) {
      return null;
    }
    List<String> names = null;
    for (String token : connection.split(",")) {
      String t = token.trim();
      if (!t.isEmpty() && !t.equalsIgnoreCase("close") && !t.equalsIgnoreCase("keep-alive")) {
        if (names == null) {
          names = new ArrayList<>(2);
        }
        names.add(t);
      }
    }
    return names;
  }

  /** Whether a Connection header's comma-separated list names this token (any case). */
  static boolean names(String connection, String token) {
    for (String t : connection.split(",")) {
      if (t.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(List<String> names, String name) {
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}

package io.kubling.ingress.route;

import java.util.Locale;

/**
 * Hosts as the Ingress API matches them: a precise host equals the request's host; a wildcard
 * {@code *.foo.com} matches exactly one more DNS label (bar.foo.com, not foo.com nor
 * baz.bar.foo.com).
 */
public final class HostMatch {
  private HostMatch() {}

  /** The request's host for matching: lower case, without port or trailing dot. */
  public static String normalize(String hostHeader) {
    if (hostHeader == null) {
      return "";
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) { // an IPv6 literal never matches a DNS rule; keep it whole
      int close = h.indexOf(']');
      return close > 0 ? h.substring(0, close + 1) : h;
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}

package io.kubling.ingress.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable routing table built from the Ingresses of one class. A request is matched
 * against the paths of its precise host first, then of the wildcard host that covers it,
 * then of the rules without host, then the default backend. Within one host the longest
 * matching path wins, Exact before Prefix on a tie, then the older Ingress.
 */
public final class RouteTable {
  public static final RouteTable EMPTY = build(List.of(), null);

  private static final Comparator<IngressPath> PRECEDENCE = Comparator
      .comparingInt((IngressPath p) -> -p.path().length())
      .thenComparingInt(p -> p.type() == PathType.EXACT ? 0 : 1)
      .thenComparingInt(IngressPath::order);

  private final Map<String, List<IngressPath>> precise;
  private final Map<String, List<IngressPath>> wildcard;
  private final List<IngressPath> anyHost;
  private final Backend defaultBackend;

  private RouteTable(Map<String, List<IngressPath>> precise,
      Map<String, List<IngressPath>> wildcard, List<IngressPath> anyHost,
      Backend defaultBackend) {
    this.precise = precise;
    this.wildcard = wildcard;
    this.anyHost = anyHost;
    this.defaultBackend = defaultBackend;
  }

  /** A table of these paths; defaultBackend may be null (then unmatched requests get 404). */
  public static RouteTable build(List<IngressPath> paths, Backend defaultBackend) {
    Map<String, List<IngressPath>> precise = new HashMap<>();
    Map<String, List<IngressPath>> wildcard = new HashMap<>();
    List<IngressPath> any = new ArrayList<>();
    for (IngressPath p : paths) {
      String host = p.host().toLowerCase(java.util.Locale.ROOT);
      if (host.isEmpty()) {
        any.add(p);
      } else if (host.startsWith("*.")) {
        wildcard.computeIfAbsent(host.substring(2), h -> new ArrayList<>()).add(p);
      } else {
        precise.computeIfAbsent(host, h -> new ArrayList<>()).add(p);
      }
    }
    return new RouteTable(sorted(precise), sorted(wildcard), sortedList(any), defaultBackend);
  }

  /** The backend for a request's Host header and path, or empty for 404. */
  public Optional<Backend> match(String hostHeader, String path) {
    String host = HostMatch.normalize(hostHeader);
    String p = path == null || path.isEmpty() ? "/" : path;
    Backend b = first(precise.get(host), p);
    if (b == null) {
      int dot = host.indexOf('.');
      if (dot > 0) {
        b = first(wildcard.get(host.substring(dot + 1)), p);
      }
    }
    if (b == null) {
      b = first(anyHost, p);
    }
    return Optional.ofNullable(b != null ? b : defaultBackend);
  }

  private static Backend first(List<IngressPath> candidates, String path) {
    if (candidates == null) {
      return null;
    }
    for (IngressPath c : candidates) {
      if (PathMatch.matches(c.type(), c.path(), path)) {
        return c.backend();
      }
    }
    return null;
  }

  private static Map<String, List<IngressPath>> sorted(Map<String, List<IngressPath>> byHost) {
    Map<String, List<IngressPath>> out = new HashMap<>();
    byHost.forEach((h, l) -> out.put(h, sortedList(l)));
    return Map.copyOf(out);
  }

  private static List<IngressPath> sortedList(List<IngressPath> l) {
    List<IngressPath> copy = new ArrayList<>(l);
    copy.sort(PRECEDENCE);
    return List.copyOf(copy);
  }
}

package io.kubling.ingress.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Route matching as a pure function: host × path × pathType tables. */
class RouteTableTest {

  /**
   * Kubernetes' documented examples (concepts/services-networking/ingress, "Examples"): rule
   * paths as "Type:/path" separated by commas, a request path, and whether any matches.
   */
  static Stream<Arguments> documentedExamples() {
    return Stream.of(
        Arguments.of("Prefix:/", "/anything/at/all", true),
        Arguments.of("Exact:/foo", "/foo", true),
        Arguments.of("Exact:/foo", "/bar", false),
        Arguments.of("Exact:/foo", "/foo/", false),
        Arguments.of("Exact:/foo/", "/foo", false),
        Arguments.of("Prefix:/foo", "/foo", true),
        Arguments.of("Prefix:/foo", "/foo/", true),
        Arguments.of("Prefix:/foo/", "/foo", true),
        Arguments.of("Prefix:/foo/", "/foo/", true),
        Arguments.of("Prefix:/foo", "/foo/bar", true),
        Arguments.of("Prefix:/foo", "/foobar", false),
        Arguments.of("Prefix:/aaa/bb", "/aaa/bbb", false),
        Arguments.of("Prefix:/aaa/bbb", "/aaa/bbb", true),
        Arguments.of("Prefix:/aaa/bbb/", "/aaa/bbb", true),
        Arguments.of("Prefix:/aaa/bbb", "/aaa/bbb/", true),
        Arguments.of("Prefix:/aaa/bbb", "/aaa/bbb/ccc", true),
        Arguments.of("Prefix:/aaa/bbb", "/aaa/bbbxyz", false),
        Arguments.of("Prefix:/,Prefix:/aaa", "/aaa/ccc", true),
        Arguments.of("Prefix:/,Prefix:/aaa,Prefix:/aaa/bbb", "/aaa/bbb", true),
        Arguments.of("Prefix:/,Prefix:/aaa,Prefix:/aaa/bbb", "/ccc", true),
        Arguments.of("Prefix:/aaa", "/ccc", false),
        Arguments.of("Prefix:/foo,Exact:/foo", "/foo", true),
        Arguments.of("ImplementationSpecific:/foo", "/foo/bar", true),
        Arguments.of("ImplementationSpecific:/foo", "/foobar", false),
        Arguments.of("ImplementationSpecific:", "/x", true));
  }

  @ParameterizedTest
  @MethodSource("documentedExamples")
  void documentedPrefixAndExactExamples(String rules, String request, boolean matches) {
    RouteTable t = RouteTable.build(paths("", rules), null);
    assertThat(t.match("shop.example", request).isPresent()).isEqualTo(matches);
  }

  /** Which rule wins: its "Type:/path" is the backend's service name in these tables. */
  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of("Prefix:/,Prefix:/aaa", "/aaa/ccc", "Prefix:/aaa"),
        Arguments.of("Prefix:/,Prefix:/aaa,Prefix:/aaa/bbb", "/aaa/bbb", "Prefix:/aaa/bbb"),
        Arguments.of("Prefix:/,Prefix:/aaa,Prefix:/aaa/bbb", "/ccc", "Prefix:/"),
        Arguments.of("Prefix:/foo,Exact:/foo", "/foo", "Exact:/foo"),
        Arguments.of("Exact:/foo,Prefix:/foo", "/foo/x", "Prefix:/foo"),
        Arguments.of("Prefix:/api,Exact:/api/v1/health", "/api/v1/health", "Exact:/api/v1/health"),
        Arguments.of("Prefix:/api,Exact:/api/v1/health", "/api/v1/healthz", "Prefix:/api"));
  }

  @ParameterizedTest
  @MethodSource("precedence")
  void longestMatchFirstExactOnATie(String rules, String request, String winner) {
    RouteTable t = RouteTable.build(paths("", rules), null);
    assertThat(t.match("h", request).map(Backend::service)).contains(winner);
  }

  /** A request's Host header, a rule's host, and whether the rule applies. */
  static Stream<Arguments> hosts() {
    return Stream.of(
        Arguments.of("foo.bar.com", "foo.bar.com", true),
        Arguments.of("FOO.bar.com:8443", "foo.bar.com", true),
        Arguments.of("foo.bar.com.", "foo.bar.com", true),
        Arguments.of("x.bar.com", "foo.bar.com", false),
        Arguments.of("foo.bar.com", "*.bar.com", true),
        Arguments.of("baz.foo.bar.com", "*.bar.com", false),
        Arguments.of("bar.com", "*.bar.com", false),
        Arguments.of("", "foo.bar.com", false),
        Arguments.of("10.0.0.1:80", "foo.bar.com", false),
        Arguments.of("anything.example", "", true),
        Arguments.of("", "", true));
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void hostPreciseOrOneLabelWildcard(String hostHeader, String ruleHost, boolean applies) {
    RouteTable t = RouteTable.build(
        List.of(path(ruleHost, "/", PathType.PREFIX, "only", 0)), null);
    assertThat(t.match(hostHeader, "/").isPresent()).isEqualTo(applies);
  }

  static Stream<Arguments> hostPrecedence() {
    return Stream.of(
        Arguments.of("foo.bar.com", "precise"),
        Arguments.of("x.bar.com", "wildcard"),
        Arguments.of("baz.foo.bar.com", "any"),
        Arguments.of("other.example", "any"));
  }

  /** A precise host beats the wildcard that covers it, which beats rules without host. */
  @ParameterizedTest
  @MethodSource("hostPrecedence")
  void hostPreciseThenWildcardThenAny(String hostHeader, String winner) {
    List<IngressPath> paths = new ArrayList<>();
    paths.add(path("foo.bar.com", "/", PathType.PREFIX, "precise", 0));
    paths.add(path("*.bar.com", "/", PathType.PREFIX, "wildcard", 0));
    paths.add(path("", "/", PathType.PREFIX, "any", 0));
    assertThat(RouteTable.build(paths, null).match(hostHeader, "/x").map(Backend::service))
        .contains(winner);
  }

  static Stream<Arguments> defaults() {
    Backend def = new Backend("default", "fallback", 80, "");
    return Stream.of(
        Arguments.of("shop.example", "/api/x", def, "api"),
        Arguments.of("shop.example", "/web", def, "fallback"),
        Arguments.of("other.example", "/api", def, "fallback"),
        Arguments.of("shop.example", "/web", null, null),
        Arguments.of("shop.example", "/api", null, "api"));
  }

  /** The default backend takes what no rule matched; without it that is a 404. */
  @ParameterizedTest
  @MethodSource("defaults")
  void defaultBackend(String host, String path, Backend def, String expected) {
    RouteTable t = RouteTable.build(
        List.of(path("shop.example", "/api", PathType.PREFIX, "api", 0)), def);
    assertThat(t.match(host, path).map(Backend::service).orElse(null)).isEqualTo(expected);
  }

  static Stream<Arguments> olderIngressWins() {
    return Stream.of(Arguments.of(0, 1, "first"), Arguments.of(1, 0, "second"));
  }

  @ParameterizedTest
  @MethodSource("olderIngressWins")
  void sameHostPathAndTypeInTwoIngressesTheOlderWins(int first, int second, String winner) {
    RouteTable t = RouteTable.build(List.of(
        path("a.example", "/x", PathType.PREFIX, "first", first),
        path("a.example", "/x", PathType.PREFIX, "second", second)), null);
    assertThat(t.match("a.example", "/x").map(Backend::service)).contains(winner);
  }

  static List<IngressPath> paths(String host, String rules) {
    List<IngressPath> out = new ArrayList<>();
    for (String r : rules.split(",")) {
      String[] tp = r.split(":", 2);
      String type = switch (tp[0]) {
        case "Exact" -> "Exact";
        case "Prefix" -> "Prefix";
        default -> "ImplementationSpecific";
      };
      out.add(path(host, tp[1], PathType.of(type), r, 0));
    }
    return out;
  }

  static IngressPath path(String host, String path, PathType type, String service, int order) {
    return new IngressPath(host, path, type, new Backend("default", service, 80, ""), order);
  }
}

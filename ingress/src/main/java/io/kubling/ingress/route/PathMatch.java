package io.kubling.ingress.route;

/**
 * Whether a request path matches an Ingress path, as the Ingress API defines it: Exact is
 * string equality (case-sensitive, trailing slash significant); Prefix compares path elements
 * split by '/', element by element, so /foo matches /foo, /foo/ and /foo/bar but not /foobar,
 * and a trailing slash on either side is ignored.
 */
public final class PathMatch {
  private PathMatch() {}

  public static boolean matches(PathType type, String rulePath, String requestPath) {
    return switch (type) {
      case EXACT -> rulePath.equals(requestPath);
      case PREFIX, IMPLEMENTATION_SPECIFIC -> prefix(rulePath, requestPath);
    };
  }

  /** Element-wise prefix: every element of the rule path equals the request's at its index. */
  static boolean prefix(String rulePath, String requestPath) {
    String rule = trimTrailingSlashes(rulePath);
    if (rule.isEmpty()) {
      return true; // "/" (or an empty ImplementationSpecific path) matches every path
    }
    if (!requestPath.startsWith(rule)) {
      return false;
    }
    // The rule's last element must end where a request element ends: /aaa/bb is no prefix
    // of /aaa/bbb.
    return requestPath.length() == rule.length() || requestPath.charAt(rule.length()) == '/';
  }

  private static String trimTrailingSlashes(String p) {
    int end = p.length();
    while (end > 0 && p.charAt(end - 1) == '/') {
      end--;
    }
    return p.substring(0, end);
  }
}

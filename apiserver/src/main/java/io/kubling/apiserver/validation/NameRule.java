package io.kubling.apiserver.validation;

import java.util.List;
import java.util.function.Function;

/** The format a resource's metadata.name must have, as each Kubernetes type chooses it. */
public enum NameRule {
  /** Most types: a lowercase RFC 1123 subdomain, up to 253 characters. */
  DNS1123_SUBDOMAIN(Names::dns1123Subdomain),
  /** Namespaces: a lowercase RFC 1123 label, up to 63 characters. */
  DNS1123_LABEL(Names::dns1123Label),
  /** Services: an RFC 1035 label, which must start with a letter because it becomes a DNS name. */
  DNS1035_LABEL(Names::dns1035Label),
  /** RBAC objects: anything usable as a URL path segment, so {@code system:node} is fine. */
  PATH_SEGMENT(Names::pathSegmentName);

  private final Function<String, List<String>> check;

  NameRule(Function<String, List<String>> check) {
    this.check = check;
  }

  /**
   * The errors of a name; with {@code prefix} the value is a generateName, whose trailing dash
   * is allowed because random characters follow it.
   */
  public List<String> check(String name, boolean prefix) {
    if (!prefix) {
      return check.apply(name);
    }
    return this == PATH_SEGMENT ? Names.pathSegmentPrefix(name)
        : check.apply(maskTrailingDash(name));
  }

  /** Kubernetes' own trick: the last two characters become "a" so the regex accepts the dash. */
  static String maskTrailingDash(String name) {
    return name.length() > 1 && name.endsWith("-")
        ? name.substring(0, name.length() - 2) + "a" : name;
  }
}

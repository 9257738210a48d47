package io.kubling.ingress.route;

import static java.util.Objects.requireNonNull;

/**
 * One path of one Ingress rule, flattened: the rule's host ("" for any host, {@code *.x} for a
 * wildcard), the path and its type, and where it goes.
 *
 * @param order the Ingress's age rank (older first): breaks ties between Ingresses
 */
public record IngressPath(String host, String path, PathType type, Backend backend, int order) {
  public IngressPath {
    requireNonNull(host, "host should not be null");
    requireNonNull(path, "path should not be null");
    requireNonNull(type, "type should not be null");
    requireNonNull(backend, "backend should not be null");
  }
}

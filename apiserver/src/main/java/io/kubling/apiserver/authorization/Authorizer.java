package io.kubling.apiserver.authorization;

/** Decides whether a request's {@link Attributes} may go ahead (RBAC, Node, ...). */
@FunctionalInterface
public interface Authorizer {
  /** --authorization-mode=AlwaysAllow: the in-process servers of tests and benchmarks. */
  Authorizer ALWAYS_ALLOW = a -> Decision.ALLOW;

  Decision authorize(Attributes attributes);
}

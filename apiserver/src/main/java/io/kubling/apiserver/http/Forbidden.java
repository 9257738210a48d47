package io.kubling.apiserver.http;

import io.kubling.apiserver.authorization.Attributes;
import io.kubling.apiserver.errors.ApiException;

/** The 403 Kubernetes sends when the authorizer says no, worded as Kubernetes words it. */
public final class Forbidden {
  private Forbidden() {}

  /**
   * E.g. {@code pods is forbidden: User "dev-user" cannot list resource "pods" in API group ""
   * in the namespace "default"}; the authorizer's reason, if any, follows after ": ".
   */
  public static ApiException of(Attributes a, String reason) {
    String why = message(a) + (reason == null || reason.isEmpty() ? "" : ": " + reason);
    if (!a.resourceRequest()) {
      return new ApiException(403, "Forbidden", "forbidden: " + why, null, null, null, null,
          null);
    }
    return ApiException.forbidden(a.resource(), a.apiGroup(),
        a.name().isEmpty() ? null : a.name(), why);
  }

  static String message(Attributes a) {
    String user = a.user() == null ? "" : a.user().name();
    if (!a.resourceRequest()) {
      return "User \"" + user + "\" cannot " + a.verb() + " path \"" + a.path() + "\"";
    }
    String resource = a.subresource().isEmpty() ? a.resource()
        : a.resource() + "/" + a.subresource();
    String scope = a.namespace().isEmpty() ? "at the cluster scope"
        : "in the namespace \"" + a.namespace() + "\"";
    return "User \"" + user + "\" cannot " + a.verb() + " resource \"" + resource
        + "\" in API group \"" + a.apiGroup() + "\" " + scope;
  }
}

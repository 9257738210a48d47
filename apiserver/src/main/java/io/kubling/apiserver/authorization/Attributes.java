package io.kubling.apiserver.authorization;

import io.kubling.apiserver.authentication.UserInfo;

/**
 * What a request wants to do, as Kubernetes' authorizer.Attributes.
 *
 * <p>A resource request names a verb (get, list, watch, create, update, patch, delete,
 * deletecollection, or a special verb such as impersonate), an API group, a resource, maybe a
 * subresource, namespace and name. A non-resource request (/healthz, /version, /api, ...)
 * names only a path and the HTTP method in lower case as its verb.
 *
 * @param namespace empty for cluster-scoped requests
 * @param name empty for collections
 * @param subresource empty when none
 */
public record Attributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup,
    String apiVersion, String resource, String subresource, String namespace, String name,
    String path) {

  public Attributes {
    apiGroup = orEmpty(apiGroup);
    apiVersion = orEmpty(apiVersion);
    resource = orEmpty(resource);
    subresource = orEmpty(subresource);
    namespace = orEmpty(namespace);
    name = orEmpty(name);
    path = orEmpty(path);
  }

  public static Attributes resource(UserInfo user, String verb, String group, String version,
      String resource, String subresource, String namespace, String name) {
    return new Attributes(user, verb, true, group, version, resource, subresource, namespace,
        name, "");
  }

  public static Attributes nonResource(UserInfo user, String verb, String path) {
    return new Attributes(user, verb, false, "", "", "", "", "", "", path);
  }

  public Attributes withUser(UserInfo other) {
    return new Attributes(other, verb, resourceRequest, apiGroup, apiVersion, resource,
        subresource, namespace, name, path);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}

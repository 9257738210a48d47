package io.kubling.apiserver.http;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource request's place in the API, parsed from its path as Kubernetes'
 * RequestInfoResolver does: {@code /api/v1/namespaces/ns/pods/name/status} or
 * {@code /apis/apps/v1/deployments}, and the older {@code /api/v1/watch/...} form.
 *
 * @param namespace null when the path names none
 * @param name null for collections
 * @param subresource null when none
 */
public record RequestInfo(String group, String version, String namespace, String resource,
    String name, String subresource, boolean watchPath) {

  private static final String KEY = "kubling.requestInfo";
  private static final RequestInfo NONE = new RequestInfo("", "", null, "", null, null, false);

  /**
   * The request's info, parsed once per request: authorization and the dispatcher both ask.
   * Null when the path is not a resource path.
   */
  static RequestInfo of(RoutingContext ctx) {
    RequestInfo info = ctx.get(KEY);
    if (info == null) {
      info = parse(ctx.normalizedPath());
      ctx.put(KEY, info == null ? NONE : info);
    }
    return info == NONE ? null : info;
  }

  /** Parses a path; null when it is not a resource path (e.g. /api/v1 itself). */
  public static RequestInfo parse(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    int i;
    String group;
    String version;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      group = "";
      version = parts.get(1);
      i = 2;
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      version = parts.get(2);
      i = 3;
    } else {
      return null;
    }
    boolean watch = false;
    if (parts.get(i).equals("watch")) {
      watch = true;
      i++;
    }
    List<String> rest = parts.subList(i, parts.size());
    String namespace = null;
    // "namespaces/x/<resource>..." is namespaced; "namespaces" or "namespaces/x[/status]"
    // is the namespace resource itself.
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")
        && !rest.get(2).equals("status") && !rest.get(2).equals("finalize")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.size() > 3) {
      return null;
    }
    return new RequestInfo(group, version, namespace, rest.get(0),
        rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null, watch);
  }
}

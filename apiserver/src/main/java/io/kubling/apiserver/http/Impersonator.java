package io.kubling.apiserver.http;

import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.authorization.Attributes;
import io.kubling.apiserver.authorization.Authorizer;
import io.kubling.apiserver.authorization.Decision;
import io.kubling.apiserver.errors.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Impersonate-User, -Group, -Uid and -Extra-&lt;key&gt; headers, as Kubernetes'
 * WithImpersonation filter: every part must be allowed by the authorizer with the
 * {@code impersonate} verb (users, groups, serviceaccounts in "", uids and
 * userextras/&lt;key&gt; in authentication.k8s.io); the request then acts as that user.
 */
public final class Impersonator implements SecurityFilter.Impersonation {
  static final String USER = "Impersonate-User";
  static final String GROUP = "Impersonate-Group";
  static final String UID = "Impersonate-Uid";
  static final String EXTRA = "Impersonate-Extra-";
  private static final String SA_PREFIX = "system:serviceaccount:";
  private static final String AUTHN = "authentication.k8s.io";

  private final Authorizer authorizer;

  public Impersonator(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  @Override
  public UserInfo apply(RoutingContext ctx, UserInfo requester) {
    MultiMap headers = ctx.request().headers();
    String name = headers.get(USER);
    List<String> groups = headers.getAll(GROUP);
    String uid = headers.get(UID);
    Map<String, List<String>> extra = extras(headers);
    if (name == null) {
      if (!groups.isEmpty() || uid != null || !extra.isEmpty()) {
        throw ApiException.badRequest("requested " + requested(groups, uid, extra)
            + " without impersonating a user");
      }
      return requester;
    }
    List<String> actingGroups = new ArrayList<>(groups);
    if (name.startsWith(SA_PREFIX) && name.substring(SA_PREFIX.length()).contains(":")) {
      String[] nsName = name.substring(SA_PREFIX.length()).split(":", 2);
      check(Attributes.resource(requester, "impersonate", "", "", "serviceaccounts", "",
          nsName[0], nsName[1]));
      if (groups.isEmpty()) {
        // A ServiceAccount's groups are fixed; Kubernetes adds them when none are asked for.
        actingGroups.add("system:serviceaccounts");
        actingGroups.add("system:serviceaccounts:" + nsName[0]);
      }
    } else {
      check(Attributes.resource(requester, "impersonate", "", "", "users", "", "", name));
    }
    for (String g : groups) {
      check(Attributes.resource(requester, "impersonate", "", "", "groups", "", "", g));
    }
    extra.forEach((key, values) -> values.forEach(v -> check(Attributes.resource(requester,
        "impersonate", AUTHN, "", "userextras", key, "", v))));
    if (uid != null) {
      check(Attributes.resource(requester, "impersonate", AUTHN, "", "uids", "", "", uid));
    }
    String always = name.equals(UserInfo.ANONYMOUS.name()) ? UserInfo.ALL_UNAUTHENTICATED
        : UserInfo.ALL_AUTHENTICATED;
    if (!actingGroups.contains(always)) {
      actingGroups.add(always);
    }
    // The acting user must not pass the requester's credentials or these headers further
    // (e.g. to a kubelet through the pod proxy).
    headers.remove(USER).remove(GROUP).remove(UID);
    new ArrayList<>(headers.names()).stream()
        .filter(h -> h.regionMatches(true, 0, EXTRA, 0, EXTRA.length()))
        .forEach(headers::remove);
    return new UserInfo(name, uid, actingGroups, extra);
  }

  private void check(Attributes a) {
    Decision d = authorizer.authorize(a);
    if (!d.allowed()) {
      throw Forbidden.of(a, d.reason());
    }
  }

  /** Impersonate-Extra-&lt;key&gt;: key lower-cased and percent-decoded, as Kubernetes. */
  static Map<String, List<String>> extras(MultiMap headers) {
    if (!hasExtra(headers)) {
      return Map.of(); // nearly every request: spare the set of all header names
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String h : headers.names()) {
      if (h.length() > EXTRA.length() && h.regionMatches(true, 0, EXTRA, 0, EXTRA.length())) {
        String key = h.substring(EXTRA.length()).toLowerCase(Locale.ROOT);
        try {
          key = URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("malformed impersonation extra key " + key);
        }
        out.computeIfAbsent(key, k -> new ArrayList<>()).addAll(headers.getAll(h));
      }
    }
    return out;
  }

  private static boolean hasExtra(MultiMap headers) {
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey();
      if (name.length() > EXTRA.length() && name.regionMatches(true, 0, EXTRA, 0, EXTRA.length())) {
        return true;
      }
    }
    return false;
  }

  private static String requested(List<String> groups, String uid,
      Map<String, List<String>> extra) {
    List<String> parts = new ArrayList<>();
    groups.forEach(g -> parts.add("group " + g));
    extra.forEach((k, v) -> parts.add("extra " + k + "=" + v));
    if (uid != null) {
      parts.add("uid " + uid);
    }
    return String.join(", ", parts);
  }
}

package io.kubling.apiserver.authentication;

import java.util.List;
import java.util.Map;

/**
 * Who made a request, as Kubernetes' user.Info: a name, a uid, groups and extra fields.
 *
 * @param uid empty when the authenticator knows none
 */
public record UserInfo(String name, String uid, List<String> groups,
    Map<String, List<String>> extra) {
  public static final String ALL_AUTHENTICATED = "system:authenticated";
  public static final String ALL_UNAUTHENTICATED = "system:unauthenticated";
  public static final String MASTERS = "system:masters";

  /** A request with no credentials on a server that allows anonymous requests. */
  public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "",
      List.of(ALL_UNAUTHENTICATED), Map.of());

  /**
   * Every request on a server started with no authentication configured (the in-process
   * servers of tests and benchmarks): it may do anything, as the old insecure port allowed.
   */
  public static final UserInfo UNSECURED = new UserInfo("system:unsecured", "",
      List.of(MASTERS, ALL_AUTHENTICATED), Map.of());

  public UserInfo {
    uid = uid == null ? "" : uid;
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }

  public static UserInfo of(String name, List<String> groups) {
    return new UserInfo(name, "", groups, Map.of());
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}

package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.authentication.UserInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleMatchingTest {
  private static final UserInfo U = UserInfo.of("u", List.of());

  private static PolicyRule rule(String verbs, String groups, String resources, String names) {
    return new PolicyRule(split(verbs), split(groups), split(resources), split(names), List.of());
  }

  private static List<String> split(String s) {
    return s == null ? List.of() : List.of(s.split(",", -1));
  }

  private static Attributes req(String verb, String group, String resource, String sub,
      String ns, String name) {
    return Attributes.resource(U, verb, group, "v1", resource, sub, ns, name);
  }

  static Stream<Arguments> resourceCases() {
    return Stream.of(
        // rule verbs, groups, resources, names | request verb, group, resource, sub, name | allowed
        Arguments.of("get", "", "pods", null, "get", "", "pods", "", "p", true),
        Arguments.of("get", "", "pods", null, "list", "", "pods", "", "", false),
        Arguments.of("*", "", "pods", null, "deletecollection", "", "pods", "", "", true),
        Arguments.of("get,list", "", "pods", null, "watch", "", "pods", "", "", false),
        Arguments.of("get", "apps", "pods", null, "get", "", "pods", "", "p", false),
        Arguments.of("get", "*", "deployments", null, "get", "apps", "deployments", "", "d", true),
        Arguments.of("get", "", "*", null, "get", "", "secrets", "", "s", true),
        Arguments.of("get", "", "*", null, "get", "", "pods", "log", "p", true),
        // a rule on pods does not cover its subresources
        Arguments.of("get", "", "pods", null, "get", "", "pods", "log", "p", false),
        Arguments.of("get", "", "pods/log", null, "get", "", "pods", "log", "p", true),
        Arguments.of("get", "", "pods/log", null, "get", "", "pods", "", "p", false),
        Arguments.of("update", "apps", "*/scale", null, "update", "apps", "deployments", "scale",
            "d", true),
        Arguments.of("update", "apps", "*/scale", null, "update", "apps", "deployments", "",
            "d", false),
        Arguments.of("get", "", "configmaps", "a,b", "get", "", "configmaps", "", "b", true),
        Arguments.of("get", "", "configmaps", "a,b", "get", "", "configmaps", "", "c", false),
        // resourceNames never cover a collection (list, create)
        Arguments.of("list", "", "configmaps", "a", "list", "", "configmaps", "", "", false),
        Arguments.of("create", "", "configmaps", "a", "create", "", "configmaps", "", "", false),
        Arguments.of("impersonate", "", "users", null, "impersonate", "", "users", "", "bob",
            true));
  }

  @ParameterizedTest
  @MethodSource("resourceCases")
  void resourceRules(String verbs, String groups, String resources, String names, String verb,
      String group, String resource, String sub, String name, boolean allowed) {
    PolicyRule r = rule(verbs, groups, resources, names);
    assertThat(RuleMatching.allows(req(verb, group, resource, sub, "default", name), r))
        .as("%s on %s/%s/%s %s by %s", verb, group, resource, sub, name, r)
        .isEqualTo(allowed);
  }

  static Stream<Arguments> urlCases() {
    return Stream.of(
        Arguments.of("get", "/healthz", "get", "/healthz", true),
        Arguments.of("get", "/healthz", "get", "/healthz/etcd", false),
        Arguments.of("get", "/healthz", "post", "/healthz", false),
        Arguments.of("get", "/apis/*", "get", "/apis/apps/v1", true),
        Arguments.of("get", "/apis/*", "get", "/apis", false),
        Arguments.of("get", "/api,/api/*", "get", "/api", true),
        Arguments.of("*", "*", "post", "/anything", true),
        Arguments.of("get", "/version,/version/", "get", "/version/", true));
  }

  @ParameterizedTest
  @MethodSource("urlCases")
  void nonResourceRules(String verbs, String urls, String verb, String path, boolean allowed) {
    PolicyRule r = PolicyRule.urls(split(verbs), split(urls));
    assertThat(RuleMatching.allows(Attributes.nonResource(U, verb, path), r))
        .as("%s %s by %s", verb, path, r).isEqualTo(allowed);
  }

  @ParameterizedTest
  @MethodSource("urlCases")
  void resourceRulesNeverCoverPaths(String verbs, String urls, String verb, String path,
      boolean ignored) {
    PolicyRule r = PolicyRule.resources(List.of("*"), List.of("*"), List.of("*"));
    assertThat(RuleMatching.allows(Attributes.nonResource(U, verb, path), r)).isFalse();
  }
}

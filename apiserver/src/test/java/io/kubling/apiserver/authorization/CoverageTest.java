package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
  private static PolicyRule r(List<String> verbs, String group, String... resources) {
    return PolicyRule.resources(verbs, List.of(group), List.of(resources));
  }

  @Test
  void ownerRulesCoverOneGrantAtATime() {
    List<PolicyRule> owner = List.of(r(List.of("get", "list"), "", "pods", "pods/log"),
        r(List.of("*"), "apps", "deployments"));
    assertThat(Coverage.uncovered(owner, List.of(r(List.of("get"), "", "pods", "pods/log"))))
        .isEmpty();
    assertThat(Coverage.uncovered(owner, List.of(r(List.of("delete"), "apps", "deployments"))))
        .isEmpty();
    assertThat(Coverage.uncovered(owner, List.of(r(List.of("get", "delete"), "", "pods"))))
        .containsExactly(r(List.of("delete"), "", "pods"));
    // * is held only by holding *.
    assertThat(Coverage.uncovered(owner, List.of(r(List.of("*"), "", "pods")))).hasSize(1);
    assertThat(Coverage.uncovered(owner, List.of(r(List.of("get"), "", "*")))).hasSize(1);
  }

  @Test
  void namesAndUrls() {
    List<PolicyRule> owner = List.of(new PolicyRule(List.of("get"), List.of(""),
            List.of("secrets"), List.of("a"), List.of()),
        PolicyRule.urls(List.of("get"), List.of("/apis/*")));
    assertThat(Coverage.uncovered(owner, List.of(new PolicyRule(List.of("get"), List.of(""),
        List.of("secrets"), List.of("a"), List.of())))).isEmpty();
    assertThat(Coverage.uncovered(owner, List.of(r(List.of("get"), "", "secrets"))))
        .hasSize(1);
    assertThat(Coverage.uncovered(owner, List.of(PolicyRule.urls(List.of("get"),
        List.of("/apis/apps", "/api"))))).containsExactly(
            PolicyRule.urls(List.of("get"), List.of("/api")));
    assertThat(EscalationCheck.describe(r(List.of("get"), "apps", "deployments")))
        .isEqualTo("{APIGroups:[\"apps\"], Resources:[\"deployments\"], Verbs:[\"get\"]}");
  }
}

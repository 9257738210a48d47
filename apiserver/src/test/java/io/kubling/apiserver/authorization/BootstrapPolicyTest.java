package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapPolicyTest {
  private static ObjectNode role(String name) {
    return BootstrapPolicy.clusterRoles().stream()
        .filter(r -> r.path("metadata").path("name").asText().equals(name)).findFirst()
        .orElseThrow();
  }

  @Test
  void reconcilingAddsWhatIsMissingAndKeepsAdditions() {
    ObjectNode wanted = role("system:node");
    ObjectNode old = wanted.deepCopy();
    old.withArray("rules").remove(0); // an older version without the first rule
    old.withArray("rules").addObject().putArray("verbs").add("get");
    ((ObjectNode) old.withArray("rules").get(old.withArray("rules").size() - 1))
        .putArray("nonResourceURLs").add("/extra");
    ObjectNode fixed = BootstrapPolicy.reconciled(old, wanted);
    assertThat(fixed).isNotNull();
    List<PolicyRule> rules = PolicyRule.all(fixed.path("rules"));
    assertThat(Coverage.uncovered(rules, PolicyRule.all(wanted.path("rules")))).isEmpty();
    assertThat(rules).contains(PolicyRule.urls(List.of("get"), List.of("/extra")));
    assertThat(BootstrapPolicy.reconciled(fixed, wanted)).isNull();
  }

  @Test
  void autoupdateFalseIsLeftAlone() {
    ObjectNode wanted = role("view");
    ObjectNode old = wanted.deepCopy();
    old.withArray("rules").removeAll();
    ((ObjectNode) old.path("metadata").path("annotations"))
        .put(BootstrapPolicy.AUTOUPDATE, "false");
    assertThat(BootstrapPolicy.reconciled(old, wanted)).isNull();
  }

  @Test
  void bindingsGetMissingSubjects() {
    ObjectNode wanted = BootstrapPolicy.clusterRoleBindings().get(0);
    ObjectNode old = wanted.deepCopy();
    old.withArray("subjects").removeAll();
    old.withArray("subjects").addObject().put("kind", "User").put("name", "alice");
    ObjectNode fixed = BootstrapPolicy.reconciled(old, wanted);
    assertThat(fixed.path("subjects")).hasSize(2);
  }
}

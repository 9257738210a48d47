package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.node;
import static io.kubling.apiserver.strategy.Flow.updateErrors;
import static io.kubling.apiserver.validation.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.NameRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RbacStrategyTest {
  static String obj(String body) {
    return "{'metadata':{'name':'system:reader','namespace':'default'}" + body + "}";
  }

  static Stream<Arguments> invalidRoles() {
    Strategy role = RoleStrategy.INSTANCE;
    Strategy clusterRole = ClusterRoleStrategy.INSTANCE;
    return Stream.of(
        Arguments.of(role, ",'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']}]",
            List.of()),
        Arguments.of(role, ",'rules':[{'apiGroups':[''],'resources':['pods']}]", List.of(
            "rules[0].verbs: Required value: verbs must contain at least one value")),
        Arguments.of(role, ",'rules':[{'verbs':['get']}]", List.of(
            "rules[0].apiGroups: Required value: resource rules must supply at least one api"
                + " group", "rules[0].resources: Required value: resource rules must supply at"
                + " least one resource")),
        Arguments.of(role, ",'rules':[{'nonResourceURLs':['/healthz'],'verbs':['get']}]",
            List.of("rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}:"
                + " namespaced rules cannot apply to non-resource URLs")),
        Arguments.of(clusterRole, ",'rules':[{'nonResourceURLs':['/healthz'],'verbs':['get']}]",
            List.of()),
        Arguments.of(clusterRole, ",'rules':[{'nonResourceURLs':['/healthz'],'resources':"
            + "['pods'],'verbs':['get']}]", List.of("rules[0].nonResourceURLs: Invalid value:"
            + " []string{\"/healthz\"}: rules cannot apply to both regular resources and"
            + " non-resource URLs")),
        Arguments.of(clusterRole, ",'aggregationRule':{}", List.of("aggregationRule"
            + ".clusterRoleSelectors: Required value: at least one clusterRoleSelector required"
            + " if aggregationRule is non-nil")));
  }

  @ParameterizedTest
  @MethodSource("invalidRoles")
  void validateRoles(Strategy s, String body, List<String> expected) {
    assertThat(createErrors(s, obj(body))).containsExactlyElementsOf(expected);
  }

  @Test
  void rbacNamesArePathSegments() {
    for (Strategy s : List.of(RoleStrategy.INSTANCE, ClusterRoleStrategy.INSTANCE,
        RoleBindingStrategy.INSTANCE, ClusterRoleBindingStrategy.INSTANCE)) {
      assertThat(s.nameRule()).isEqualTo(NameRule.PATH_SEGMENT);
    }
  }

  @Test
  void bindingDefaultsFillTheRbacGroup() {
    ObjectNode b = created(RoleBindingStrategy.INSTANCE, obj(",'roleRef':{'kind':'Role',"
        + "'name':'reader'},'subjects':[{'kind':'User','name':'jane'},{'kind':'ServiceAccount',"
        + "'name':'default'}]"));
    assertThat(b.get("roleRef")).isEqualTo(json("{'apiGroup':'rbac.authorization.k8s.io',"
        + "'kind':'Role','name':'reader'}"));
    assertThat(node(b, "subjects", 0).get("apiGroup").asText())
        .isEqualTo("rbac.authorization.k8s.io");
    assertThat(node(b, "subjects", 1).has("apiGroup")).isFalse();
  }

  static Stream<Arguments> invalidBindings() {
    Strategy rb = RoleBindingStrategy.INSTANCE;
    Strategy crb = ClusterRoleBindingStrategy.INSTANCE;
    return Stream.of(
        Arguments.of(rb, ",'roleRef':{'kind':'ClusterRole','name':'view'},'subjects':"
            + "[{'kind':'ServiceAccount','name':'default'}]", List.of()),
        Arguments.of(rb, "", List.of("roleRef.kind: Unsupported value: \"\": supported"
            + " values: \"Role\", \"ClusterRole\"", "roleRef.name: Required value")),
        Arguments.of(rb, ",'roleRef':{'apiGroup':'example.com','kind':'Role','name':'r'}",
            List.of("roleRef.apiGroup: Unsupported value: \"example.com\": supported values:"
                + " \"rbac.authorization.k8s.io\"")),
        Arguments.of(rb, ",'roleRef':{'kind':'Role','name':'r'},'subjects':[{'kind':'Robot',"
            + "'name':'x'},{'kind':'User'}]", List.of("subjects[0].kind: Unsupported value:"
            + " \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"",
            "subjects[1].name: Required value")),
        Arguments.of(crb, ",'roleRef':{'kind':'Role','name':'r'}", List.of("roleRef.kind:"
            + " Unsupported value: \"Role\": supported values: \"ClusterRole\"")),
        Arguments.of(crb, ",'roleRef':{'kind':'ClusterRole','name':'r'},'subjects':"
            + "[{'kind':'ServiceAccount','name':'default'}]", List.of(
            "subjects[0].namespace: Required value")));
  }

  @ParameterizedTest
  @MethodSource("invalidBindings")
  void validateBindings(Strategy s, String body, List<String> expected) {
    assertThat(createErrors(s, obj(body))).containsExactlyElementsOf(expected);
  }

  @Test
  void aBindingKeepsItsRole() {
    ObjectNode old = created(RoleBindingStrategy.INSTANCE, obj(",'roleRef':{'kind':'Role',"
        + "'name':'reader'}"));
    assertThat(updateErrors(RoleBindingStrategy.INSTANCE, old,
        b -> node(b, "roleRef").put("name", "admin")))
        .containsExactly("roleRef: Invalid value: rbac.RoleRef{APIGroup:"
            + "\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"admin\"}: cannot change"
            + " roleRef");
    assertThat(updateErrors(RoleBindingStrategy.INSTANCE, old,
        b -> b.putArray("subjects").addObject().put("kind", "User").put("name", "jane")))
        .isEmpty();
  }
}

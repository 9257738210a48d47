package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacIndexTest {
  private static ObjectNode obj(String yaml) {
    return Json.parseYamlObject(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static final ObjectNode DEVELOPER = obj("""
      metadata: {name: developer, namespace: default}
      rules: [{verbs: ["*"], apiGroups: [""], resources: [pods]}]
      """);
  private static final ObjectNode POD_READER = obj("""
      metadata: {name: pod-reader}
      rules: [{verbs: [get, list], apiGroups: [""], resources: [pods]}]
      """);

  private static ObjectNode binding(String ns, String roleKind, String role, String subjects) {
    return obj("metadata: {name: b, namespace: " + ns + "}\nroleRef: {kind: " + roleKind
        + ", name: " + role + "}\nsubjects: " + subjects + "\n");
  }

  private static Attributes pods(UserInfo u, String verb, String ns) {
    return Attributes.resource(u, verb, "", "v1", "pods", "", ns, "");
  }

  @Test
  void roleBindingGrantsOnlyInItsNamespace() {
    RbacIndex idx = RbacIndex.build(List.of(DEVELOPER), List.of(),
        List.of(binding("default", "Role", "developer", "[{kind: User, name: dev-user}]")),
        List.of());
    UserInfo dev = UserInfo.of("dev-user", List.of());
    assertThat(idx.allowing(pods(dev, "list", "default"))).isNotNull();
    assertThat(idx.allowing(pods(dev, "list", "kube-system"))).isNull();
    assertThat(idx.allowing(pods(dev, "list", ""))).isNull();
    assertThat(idx.allowing(pods(UserInfo.of("other", List.of()), "list", "default"))).isNull();
    assertThat(idx.allowing(pods(dev, "list", "default")).describe()).isEqualTo(
        "RBAC: allowed by RoleBinding \"b/default\" of Role \"developer\" to User \"dev-user\"");
  }

  @Test
  void roleBindingToClusterRoleIsScopedToTheBindingNamespace() {
    RbacIndex idx = RbacIndex.build(List.of(), List.of(POD_READER),
        List.of(binding("team", "ClusterRole", "pod-reader", "[{kind: Group, name: devs}]")),
        List.of());
    UserInfo u = UserInfo.of("x", List.of("devs"));
    assertThat(idx.allowing(pods(u, "get", "team"))).isNotNull();
    assertThat(idx.allowing(pods(u, "get", "default"))).isNull();
    assertThat(idx.allowing(pods(u, "delete", "team"))).isNull();
  }

  @Test
  void clusterRoleBindingGrantsEverywhereAndCannotUseRoles() {
    RbacIndex idx = RbacIndex.build(List.of(DEVELOPER), List.of(POD_READER), List.of(),
        List.of(binding("", "ClusterRole", "pod-reader", "[{kind: User, name: a}]"),
            binding("", "Role", "developer", "[{kind: User, name: b}]")));
    assertThat(idx.allowing(pods(UserInfo.of("a", List.of()), "list", "any"))).isNotNull();
    assertThat(idx.allowing(pods(UserInfo.of("a", List.of()), "list", ""))).isNotNull();
    assertThat(idx.allowing(pods(UserInfo.of("b", List.of()), "list", "default"))).isNull();
  }

  @Test
  void serviceAccountSubjectsAreTheirUserNames() {
    RbacIndex idx = RbacIndex.build(List.of(DEVELOPER), List.of(),
        List.of(binding("default", "Role", "developer",
            "[{kind: ServiceAccount, name: builder}, "
                + "{kind: ServiceAccount, name: ci, namespace: tools}]")),
        List.of());
    assertThat(idx.allowing(pods(UserInfo.of("system:serviceaccount:default:builder",
        List.of()), "create", "default"))).isNotNull();
    assertThat(idx.allowing(pods(UserInfo.of("system:serviceaccount:tools:ci", List.of()),
        "create", "default"))).isNotNull();
    assertThat(idx.allowing(pods(UserInfo.of("system:serviceaccount:tools:builder",
        List.of()), "create", "default"))).isNull();
  }

  @Test
  void aggregationGathersLabelledRolesTransitively() {
    ObjectNode admin = obj("""
        metadata: {name: admin}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {to-admin: "true"}}]}
        """);
    ObjectNode edit = obj("""
        metadata: {name: edit, labels: {to-admin: "true"}}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {to-edit: "true"}}]}
        rules: [{verbs: [create], apiGroups: [""], resources: [pods]}]
        """);
    ObjectNode extra = obj("""
        metadata: {name: extra, labels: {to-edit: "true"}}
        rules: [{verbs: [get], apiGroups: [example.com], resources: [widgets]}]
        """);
    var rules = RbacIndex.aggregate(List.of(admin, edit, extra));
    assertThat(rules.get("admin")).hasSize(2);
    assertThat(rules.get("edit")).hasSize(2);
    assertThat(rules.get("extra")).hasSize(1);
  }

  @Test
  void defaultPolicyGivesDiscoveryToAuthenticatedAndHealthToEveryone() {
    RbacIndex idx = RbacIndex.build(List.of(), BootstrapPolicy.clusterRoles(), List.of(),
        BootstrapPolicy.clusterRoleBindings());
    UserInfo anon = UserInfo.ANONYMOUS;
    UserInfo dev = UserInfo.of("dev", List.of(UserInfo.ALL_AUTHENTICATED));
    for (String p : List.of("/healthz", "/livez", "/readyz", "/version")) {
      assertThat(idx.allowing(Attributes.nonResource(anon, "get", p))).as(p).isNotNull();
    }
    assertThat(idx.allowing(Attributes.nonResource(anon, "get", "/api"))).isNull();
    assertThat(idx.allowing(Attributes.nonResource(anon, "get", "/metrics"))).isNull();
    assertThat(idx.allowing(Attributes.nonResource(UserInfo.of("prometheus",
        List.of("system:monitoring")), "get", "/metrics"))).isNotNull();
    assertThat(idx.allowing(Attributes.nonResource(dev, "get", "/apis/apps/v1"))).isNotNull();
    assertThat(idx.allowing(Attributes.resource(dev, "create", "authorization.k8s.io", "v1",
        "selfsubjectaccessreviews", "", "", ""))).isNotNull();
    assertThat(idx.allowing(pods(dev, "list", "default"))).isNull();
    UserInfo cm = UserInfo.of("system:kube-controller-manager", List.of());
    assertThat(idx.allowing(Attributes.resource(cm, "create", "", "v1", "secrets", "",
        "default", ""))).as("no secret creates for the controller manager").isNull();
    assertThat(idx.allowing(Attributes.resource(cm, "delete", "", "v1", "secrets", "",
        "default", "s"))).as("the namespace controller empties namespaces").isNotNull();
  }
}

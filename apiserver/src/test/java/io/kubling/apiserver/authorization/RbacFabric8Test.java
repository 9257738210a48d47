package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.apiserver.SecureApiServerFixture;
import io.kubling.apiserver.TestAuthenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RBAC through the fabric8 client against a real etcd and API server. */
class RbacFabric8Test {
  static SecureApiServerFixture f;
  static KubernetesClient admin;

  @BeforeAll
  static void start() {
    f = new SecureApiServerFixture();
    admin = client(SecureApiServerFixture.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (f != null) {
      f.close();
    }
  }

  static KubernetesClient client(String token) {
    return RbacFabric8TestClients.client(f, token);
  }

  private static void assertForbidden(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getStatus().getMessage()).isEqualTo(message);
    });
  }

  @Test
  void defaultRolesAndBindingsAreBootstrapped() {
    var roles = admin.rbac().clusterRoles().list().getItems();
    assertThat(roles).extracting(r -> r.getMetadata().getName()).contains("cluster-admin",
        "admin", "edit", "view", "system:basic-user", "system:discovery",
        "system:public-info-viewer", "system:kube-scheduler", "system:kube-controller-manager",
        "system:node", "system:kubling-ingress-controller");
    var admin = admin().rbac().clusterRoles().withName("admin").get();
    assertThat(admin.getMetadata().getLabels())
        .containsEntry("kubernetes.io/bootstrapping", "rbac-defaults");
    assertThat(admin.getMetadata().getAnnotations())
        .containsEntry("rbac.authorization.kubernetes.io/autoupdate", "true");
    var binding = admin().rbac().clusterRoleBindings().withName("cluster-admin").get();
    assertThat(binding.getSubjects()).singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("system:masters"));
  }

  private static KubernetesClient admin() {
    return admin;
  }

  @Test
  void aNewRoleBindingCountsAtOnceAndItsRemovalToo() {
    admin.rbac().roles().inNamespace("default").resource(new RoleBuilder().withNewMetadata()
        .withName("cm-reader").endMetadata().withRules(new PolicyRuleBuilder()
            .withApiGroups("").withResources("configmaps").withVerbs("get", "list").build())
        .build()).create();
    try (KubernetesClient carol = client(TestAuthenticator.token("carol"))) {
      String denied = "configmaps is forbidden: User \"carol\" cannot list resource"
          + " \"configmaps\" in API group \"\" in the namespace \"default\"";
      assertForbidden(() -> carol.configMaps().inNamespace("default").list(), denied);
      // No retries: the first request after the binding's create must be allowed.
      admin.rbac().roleBindings().inNamespace("default").resource(new RoleBindingBuilder()
          .withNewMetadata().withName("carol-reads").endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "Role", "cm-reader")
          .addNewSubject().withKind("User").withName("carol").endSubject().build()).create();
      assertThat(carol.configMaps().inNamespace("default").list().getItems()).isNotNull();
      assertForbidden(() -> carol.configMaps().inNamespace("kube-system").list(),
          denied.replace("\"default\"", "\"kube-system\""));
      admin.rbac().roleBindings().inNamespace("default").withName("carol-reads").delete();
      assertForbidden(() -> carol.configMaps().inNamespace("default").list(), denied);
    }
  }

  @Test
  void groupsAndServiceAccountsAreSubjects() {
    admin.rbac().roleBindings().inNamespace("default").resource(new RoleBindingBuilder()
        .withNewMetadata().withName("viewers").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
        .addNewSubject().withKind("Group").withName("viewers").endSubject()
        .addNewSubject().withKind("ServiceAccount").withName("robot").withNamespace("default")
        .endSubject().build()).create();
    try (KubernetesClient v = client(TestAuthenticator.token("vic", "viewers"));
        KubernetesClient sa = client(TestAuthenticator.token(
            "system:serviceaccount:default:robot", "system:serviceaccounts"))) {
      assertThat(v.pods().inNamespace("default").list().getItems()).isNotNull();
      assertThat(sa.apps().deployments().inNamespace("default").list().getItems()).isNotNull();
      assertForbidden(() -> v.secrets().inNamespace("default").list(),
          "secrets is forbidden: User \"vic\" cannot list resource \"secrets\" in API group"
              + " \"\" in the namespace \"default\"");
      assertForbidden(() -> sa.pods().inNamespace("default").resource(new PodBuilder()
              .withNewMetadata().withName("x").endMetadata().withNewSpec().addNewContainer()
              .withName("c").withImage("nginx").endContainer().endSpec().build()).create(),
          "pods is forbidden: User \"system:serviceaccount:default:robot\" cannot create"
              + " resource \"pods\" in API group \"\" in the namespace \"default\"");
    }
  }

  @Test
  void anonymousReachesOnlyHealthAndVersion() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String p : new String[] {"/healthz", "/livez", "/readyz", "/version"}) {
      var r = http.send(HttpRequest.newBuilder(URI.create(f.url() + p)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(p).isEqualTo(200);
    }
    for (String p : new String[] {"/api", "/apis", "/api/v1/namespaces/default/pods",
        "/metrics", "/openapi/v3", "/api/v1/nodes"}) {
      var r = http.send(HttpRequest.newBuilder(URI.create(f.url() + p)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(p).isEqualTo(403);
      assertThat(r.body()).as(p).contains("User \\\"system:anonymous\\\" cannot");
    }
  }

  @Test
  void rbacWritesCannotEscalate() {
    admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("team").endMetadata().build()).create();
    admin.rbac().roleBindings().inNamespace("team").resource(new RoleBindingBuilder()
        .withNewMetadata().withName("lead-admin").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "admin")
        .addNewSubject().withKind("User").withName("lead").endSubject().build()).create();
    try (KubernetesClient lead = client(TestAuthenticator.token("lead"))) {
      var rbac = lead.rbac();
      // Rules the lead holds in team, and a binding to edit (which admin includes): fine.
      rbac.roles().inNamespace("team").resource(new RoleBuilder().withNewMetadata()
          .withName("pod-reader").endMetadata().withRules(new PolicyRuleBuilder()
              .withApiGroups("").withResources("pods").withVerbs("get", "list").build())
          .build()).create();
      rbac.roleBindings().inNamespace("team").resource(new RoleBindingBuilder()
          .withNewMetadata().withName("dev-edit").endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
          .addNewSubject().withKind("User").withName("dev").endSubject().build()).create();
      // More than the lead holds: refused, naming what is missing.
      assertThatThrownBy(() -> rbac.roles().inNamespace("team").resource(new RoleBuilder()
          .withNewMetadata().withName("node-reader").endMetadata().withRules(
              new PolicyRuleBuilder().withApiGroups("").withResources("nodes")
                  .withVerbs("get").build()).build()).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).isEqualTo("roles.rbac.authorization.k8s.io"
                + " \"node-reader\" is forbidden: user \"lead\" (groups=[\"system:authenticated\"])"
                + " is attempting to grant RBAC permissions not currently held:\n"
                + "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}");
          });
      assertThatThrownBy(() -> rbac.roleBindings().inNamespace("team").resource(
              new RoleBindingBuilder().withNewMetadata().withName("me-root").endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                  .addNewSubject().withKind("User").withName("lead").endSubject().build())
          .create())
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));
      // Nor by editing a role it may write.
      assertThatThrownBy(() -> rbac.roles().inNamespace("team").withName("pod-reader")
          .edit(r -> {
            r.getRules().get(0).getResources().add("secrets");
            r.getRules().get(0).getVerbs().add("escalate");
            return r;
          })).isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void aStartReconcilesDefaultsThatAutoupdate() {
    admin.rbac().clusterRoles().withName("system:discovery").edit(r -> {
      r.getRules().clear();
      return r;
    });
    admin.rbac().clusterRoles().withName("system:public-info-viewer").edit(r -> {
      r.getRules().clear();
      r.getMetadata().getAnnotations().put("rbac.authorization.kubernetes.io/autoupdate",
          "false");
      return r;
    });
    try (var again = f.startAnother()) {
      assertThat(admin.rbac().clusterRoles().withName("system:discovery").get().getRules())
          .isNotEmpty();
      assertThat(admin.rbac().clusterRoles().withName("system:public-info-viewer").get()
          .getRules()).isEmpty();
    } finally {
      admin.rbac().clusterRoles().withName("system:public-info-viewer").edit(r -> {
        r.getMetadata().getAnnotations().put("rbac.authorization.kubernetes.io/autoupdate",
            "true");
        return r;
      });
      f.startAnother().close(); // puts the health endpoints back for the other tests
    }
  }
}

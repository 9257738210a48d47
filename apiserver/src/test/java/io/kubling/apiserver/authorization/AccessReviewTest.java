package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.apiserver.SecureApiServerFixture;
import io.kubling.apiserver.TestAuthenticator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SubjectAccessReview, LocalSubjectAccessReview, SelfSubjectAccessReview and
 * SelfSubjectRulesReview through fabric8, and decisions following role changes at once.
 */
class AccessReviewTest {
  static SecureApiServerFixture f;
  static KubernetesClient admin;

  @BeforeAll
  static void start() {
    f = new SecureApiServerFixture();
    admin = RbacFabric8TestClients.client(f, SecureApiServerFixture.ADMIN_TOKEN);
    admin.rbac().roles().inNamespace("default").resource(new RoleBuilder().withNewMetadata()
        .withName("developer").endMetadata().withRules(new PolicyRuleBuilder()
            .withApiGroups("").withResources("pods").withVerbs("*").build()).build()).create();
    admin.rbac().roleBindings().inNamespace("default").resource(new RoleBindingBuilder()
        .withNewMetadata().withName("dev-user-binding").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "developer")
        .addNewSubject().withKind("User").withName("dev-user").endSubject().build()).create();
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

  private static SubjectAccessReview sar(String user, String verb, String resource,
      String namespace) {
    return admin.authorization().v1().subjectAccessReview().create(
        new SubjectAccessReviewBuilder().withNewSpec().withUser(user)
            .withNewResourceAttributes().withVerb(verb).withResource(resource)
            .withNamespace(namespace).endResourceAttributes().endSpec().build());
  }

  @Test
  void subjectAccessReviewAnswersForAnyUser() {
    SubjectAccessReview yes = sar("dev-user", "list", "pods", "default");
    assertThat(yes.getStatus().getAllowed()).isTrue();
    assertThat(yes.getStatus().getReason()).isEqualTo("RBAC: allowed by RoleBinding"
        + " \"dev-user-binding/default\" of Role \"developer\" to User \"dev-user\"");
    assertThat(yes.getSpec().getUser()).isEqualTo("dev-user");
    assertThat(sar("dev-user", "list", "pods", "kube-system").getStatus().getAllowed())
        .isFalse();
    var healthz = admin.authorization().v1().subjectAccessReview().create(
        new SubjectAccessReviewBuilder().withNewSpec().withGroups("system:unauthenticated")
            .withUser("system:anonymous").withNewNonResourceAttributes().withPath("/healthz")
            .withVerb("get").endNonResourceAttributes().endSpec().build());
    assertThat(healthz.getStatus().getAllowed()).isTrue();
    var local = admin.authorization().v1().localSubjectAccessReview().inNamespace("default")
        .create(new LocalSubjectAccessReviewBuilder().withNewMetadata().withNamespace("default")
            .endMetadata().withNewSpec().withUser("dev-user").withNewResourceAttributes()
            .withVerb("delete").withResource("pods").endResourceAttributes().endSpec()
            .build());
    assertThat(local.getStatus().getAllowed()).isTrue();
  }

  @Test
  void aReviewNeedsExactlyOneKindOfAttributes() {
    assertThatThrownBy(() -> admin.authorization().v1().subjectAccessReview().create(
            new SubjectAccessReviewBuilder().withNewSpec().withUser("x").endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void onlyThoseAllowedMayAskAboutOthers() {
    try (KubernetesClient dev = RbacFabric8TestClients.client(f,
        TestAuthenticator.token("dev-user"))) {
      assertThatThrownBy(() -> dev.authorization().v1().subjectAccessReview().create(
              new SubjectAccessReviewBuilder().withNewSpec().withUser("x")
                  .withNewResourceAttributes().withVerb("get").withResource("pods")
                  .endResourceAttributes().endSpec().build()))
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));
      var self = dev.authorization().v1().selfSubjectAccessReview().create(
          new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
              .withVerb("watch").withResource("pods").withNamespace("default")
              .endResourceAttributes().endSpec().build());
      assertThat(self.getStatus().getAllowed()).isTrue();
      var rules = dev.authorization().v1().selfSubjectRulesReview().create(
          new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace("default").endSpec()
              .build());
      assertThat(rules.getStatus().getResourceRules()).extracting(ResourceRule::getResources)
          .contains(java.util.List.of("pods"));
      assertThat(rules.getStatus().getIncomplete()).isFalse();
    }
  }

  @Test
  void roleEditsAndAggregationCountAtOnce() {
    admin.rbac().roles().inNamespace("default").resource(new RoleBuilder().withNewMetadata()
        .withName("cm").endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("")
            .withResources("configmaps").withVerbs("get").build()).build()).create();
    admin.rbac().roleBindings().inNamespace("default").resource(new RoleBindingBuilder()
        .withNewMetadata().withName("cm").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "cm")
        .addNewSubject().withKind("User").withName("erin").endSubject().build()).create();
    assertThat(sar("erin", "get", "configmaps", "default").getStatus().getAllowed()).isTrue();
    assertThat(sar("erin", "list", "configmaps", "default").getStatus().getAllowed()).isFalse();
    admin.rbac().roles().inNamespace("default").withName("cm").edit(r -> {
      r.getRules().get(0).getVerbs().add("list");
      return r;
    });
    assertThat(sar("erin", "list", "configmaps", "default").getStatus().getAllowed()).isTrue();

    // view gathers every ClusterRole labelled aggregate-to-view, as in Kubernetes.
    admin.rbac().roleBindings().inNamespace("default").resource(new RoleBindingBuilder()
        .withNewMetadata().withName("viewer").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
        .addNewSubject().withKind("User").withName("vera").endSubject().build()).create();
    assertThat(sar("vera", "get", "widgets", "default").getStatus().getAllowed()).isFalse();
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
        .withName("widget-viewer")
        .addToLabels("rbac.authorization.k8s.io/aggregate-to-view", "true").endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("widgets")
            .withVerbs("get").build()).build()).create();
    assertThat(sar("vera", "get", "widgets", "default").getStatus().getAllowed()).isTrue();
  }
}

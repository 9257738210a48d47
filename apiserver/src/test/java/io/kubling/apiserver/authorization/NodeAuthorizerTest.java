package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubling.apiserver.SecureApiServerFixture;
import io.kubling.apiserver.TestAuthenticator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The Node authorizer and NodeRestriction: a node's credentials change only its own Node,
 * its own Lease and the pods bound to it.
 */
class NodeAuthorizerTest {
  static SecureApiServerFixture f;
  static KubernetesClient admin;
  static KubernetesClient nodeA;

  @BeforeAll
  static void start() {
    f = new SecureApiServerFixture();
    admin = RbacFabric8TestClients.client(f, SecureApiServerFixture.ADMIN_TOKEN);
    nodeA = RbacFabric8TestClients.client(f,
        TestAuthenticator.token("system:node:node-a", "system:nodes"));
    for (String n : new String[] {"node-a", "node-b"}) {
      admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).endMetadata()
          .build()).create();
      admin.pods().inNamespace("default").resource(pod("on-" + n, n)).create();
    }
    admin.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata()
        .withName("node-b").endMetadata().withNewSpec().withHolderIdentity("node-b").endSpec()
        .build()).create();
  }

  @AfterAll
  static void stop() {
    for (KubernetesClient c : new KubernetesClient[] {nodeA, admin}) {
      if (c != null) {
        c.close();
      }
    }
    if (f != null) {
      f.close();
    }
  }

  static Pod pod(String name, String node) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withNodeName(node).addNewContainer().withName("c").withImage("nginx").endContainer()
        .endSpec().build();
  }

  private static void forbidden(Executable call, String contains) {
    assertThatThrownBy(call::execute).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getMessage()).contains(contains);
        });
  }

  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  @Test
  void aNodeReadsPodsAndNodes() {
    assertThat(nodeA.pods().inAnyNamespace().list().getItems()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(nodeA.nodes().withName("node-b").get()).isNotNull();
  }

  @Test
  void aNodeChangesOnlyThePodsBoundToIt() {
    nodeA.pods().inNamespace("default").withName("on-node-a").subresource("status")
        .patch(MERGE, "{\"status\":{\"phase\":\"Running\"}}");
    forbidden(() -> nodeA.pods().inNamespace("default").withName("on-node-b")
            .subresource("status").patch(MERGE, "{\"status\":{\"phase\":\"Running\"}}"),
        "User \"system:node:node-a\" cannot patch resource \"pods/status\" in API group \"\""
            + " in the namespace \"default\": no relationship found between node 'node-a'"
            + " and this object");
    forbidden(() -> nodeA.pods().inNamespace("default").withName("on-node-b").delete(),
        "cannot delete resource \"pods\"");
    forbidden(() -> nodeA.pods().inNamespace("default").withName("on-node-b").evict(),
        "cannot create resource \"pods/eviction\"");
    admin.pods().inNamespace("default").resource(pod("doomed", "node-a")).create();
    // The authorizer sees bindings through the watch cache, as Kubernetes' node graph sees
    // them through informers: a pod created a moment ago may take a moment to count.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .untilAsserted(() -> assertThat(nodeA.pods().inNamespace("default").withName("doomed")
            .withGracePeriod(0).delete()).isNotEmpty());
  }

  @Test
  void aNodeFinishingAPodThatIsGoneGetsNotFound() {
    // The agent's pod workers treat 404 as "already gone"; a 403 would make them back off.
    var gone = nodeA.pods().inNamespace("default").withName("never-was");
    notFound(() -> gone.subresource("status")
        .patch(MERGE, "{\"status\":{\"phase\":\"Succeeded\"}}"));
    // fabric8 answers a 404 on delete with an empty list and throws on anything else.
    assertThat(gone.withGracePeriod(0).delete()).isEmpty();
  }

  @Test
  void theStoredPodDecidesWhenTheCacheHasNotSeenIt() {
    // Created and at once written by node-a: whether the authorizer's cache has the pod yet
    // or not, NodeRestriction checks the stored binding, so the answer is 403 either way.
    for (int i = 0; i < 5; i++) {
      String name = "fresh-" + i;
      admin.pods().inNamespace("default").resource(pod(name, "node-b")).create();
      var fresh = nodeA.pods().inNamespace("default").withName(name);
      forbidden(() -> fresh.withGracePeriod(0).delete(), "delete");
      forbidden(() -> fresh.subresource("status")
          .patch(MERGE, "{\"status\":{\"phase\":\"Failed\"}}"), "pods");
      assertThat(admin.pods().inNamespace("default").withName(name).get().getStatus()
          .getPhase()).isNotEqualTo("Failed");
    }
  }

  private static void notFound(Executable call) {
    assertThatThrownBy(call::execute).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void aNodeChangesOnlyItsOwnNodeAndNotItsRestrictedLabels() {
    nodeA.nodes().withName("node-a").patch(MERGE,
        "{\"metadata\":{\"labels\":{\"disk\":\"ssd\"}}}");
    nodeA.nodes().withName("node-a").subresource("status").patch(MERGE,
        "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    forbidden(() -> nodeA.nodes().withName("node-b").patch(MERGE,
        "{\"metadata\":{\"labels\":{\"disk\":\"ssd\"}}}"), "cannot patch resource \"nodes\"");
    forbidden(() -> nodeA.nodes().withName("node-b").subresource("status").patch(MERGE,
        "{\"status\":{\"conditions\":[]}}"), "cannot patch resource \"nodes/status\"");
    forbidden(() -> nodeA.nodes().withName("node-b").delete(), "cannot delete");
    forbidden(() -> nodeA.nodes().withName("node-a").patch(MERGE,
            "{\"metadata\":{\"labels\":{\"node-restriction.kubernetes.io/pool\":\"x\"}}}"),
        "is not allowed to modify labels: node-restriction.kubernetes.io/pool");
    forbidden(() -> nodeA.nodes().resource(new NodeBuilder().withNewMetadata()
            .withName("node-c").endMetadata().build()).create(),
        "node \"node-a\" is not allowed to modify node \"node-c\"");
  }

  @Test
  void aNodeHoldsOnlyItsOwnLease() {
    var leases = nodeA.leases().inNamespace("kube-node-lease");
    leases.resource(new LeaseBuilder().withNewMetadata().withName("node-a").endMetadata()
        .withNewSpec().withHolderIdentity("node-a").endSpec().build()).create();
    leases.withName("node-a").patch(MERGE, "{\"spec\":{\"leaseDurationSeconds\":40}}");
    forbidden(() -> leases.withName("node-b").patch(MERGE,
        "{\"spec\":{\"leaseDurationSeconds\":40}}"), "leases.coordination.k8s.io \"node-b\""
        + " is forbidden: User \"system:node:node-a\"");
    forbidden(() -> leases.withName("node-b").get(), "cannot get resource \"leases\"");
    forbidden(() -> leases.resource(new LeaseBuilder().withNewMetadata().withName("node-x")
            .endMetadata().build()).create(),
        "can only access node lease with the same name as the requesting node");
  }

  @Test
  void aNodeCreatesOnlyMirrorPodsBoundToItself() {
    var pods = nodeA.pods().inNamespace("default");
    forbidden(() -> pods.resource(pod("plain", "node-a")).create(),
        "node \"node-a\" can only create mirror pods");
    Pod mirror = pod("static-web-node-a", "node-a");
    mirror.getMetadata().setAnnotations(java.util.Map.of("kubernetes.io/config.mirror", "x"));
    pods.resource(mirror).create();
    Pod elsewhere = pod("static-web-node-b", "node-b");
    elsewhere.getMetadata().setAnnotations(java.util.Map.of("kubernetes.io/config.mirror", "x"));
    forbidden(() -> pods.resource(elsewhere).create(),
        "can only create pods with spec.nodeName set to itself");
    Pod withSecret = pod("static-secret-node-a", "node-a");
    withSecret.getMetadata().setAnnotations(java.util.Map.of("kubernetes.io/config.mirror", "x"));
    withSecret.getSpec().getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder()
        .withName("s").withNewSecret().withSecretName("unused").endSecret().build());
    forbidden(() -> pods.resource(withSecret).create(), "can not create pods that reference"
        + " secrets");
  }

  @Test
  void aNodeReadsOnlyTheSecretsItsPodsUse() {
    admin.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model
        .SecretBuilder().withNewMetadata().withName("used").endMetadata()
        .addToStringData("k", "v").build()).create();
    admin.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model
        .SecretBuilder().withNewMetadata().withName("unused").endMetadata()
        .addToStringData("k", "v").build()).create();
    Pod p = pod("uses-secret", "node-a");
    p.getSpec().getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder()
        .withName("s").withNewSecret().withSecretName("used").endSecret().build());
    admin.pods().inNamespace("default").resource(p).create();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(
        () -> assertThat(nodeA.secrets().inNamespace("default").withName("used").get())
            .isNotNull());
    forbidden(() -> nodeA.secrets().inNamespace("default").withName("unused").get(),
        "cannot get resource \"secrets\"");
    forbidden(() -> nodeA.secrets().inNamespace("default").list(),
        "cannot list resource \"secrets\"");
  }

  private static boolean nodeMay(String node, String verb, String resource, String sub,
      String name) {
    return admin.authorization().v1().subjectAccessReview().create(
        new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder()
            .withNewSpec().withUser("system:node:" + node).withGroups("system:nodes")
            .withNewResourceAttributes().withVerb(verb).withResource(resource)
            .withSubresource(sub).withName(name).withNamespace("default")
            .endResourceAttributes().endSpec().build()).getStatus().getAllowed();
  }

  @Test
  void aNodeGetsOnlyTheServiceAccountsAndTokensOfItsPods() {
    // on-node-a runs as the default ServiceAccount; no pod of node-a runs as robot.
    assertThat(nodeMay("node-a", "create", "serviceaccounts", "token", "default")).isTrue();
    assertThat(nodeMay("node-a", "create", "serviceaccounts", "token", "robot")).isFalse();
    assertThat(nodeMay("node-c", "create", "serviceaccounts", "token", "default")).isFalse();
    assertThat(nodeMay("node-a", "get", "serviceaccounts", "", "default")).isTrue();
    assertThat(nodeMay("node-a", "get", "serviceaccounts", "", "robot")).isFalse();
    assertThat(nodeMay("node-a", "delete", "serviceaccounts", "", "default")).isFalse();
  }
}

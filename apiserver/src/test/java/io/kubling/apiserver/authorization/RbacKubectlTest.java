package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.SecureApiServerFixture;
import io.kubling.apiserver.TestAuthenticator;
import io.kubling.apiserver.TlsFront;
import io.kubling.testkit.Kubectl;
import io.kubling.testkit.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow with the real kubectl: the admin creates a developer Role and binds
 * dev-user to it; dev-user manages pods in default and gets Kubernetes' Forbidden message
 * for anything else; {@code kubectl auth can-i} answers agree.
 */
class RbacKubectlTest {
  static SecureApiServerFixture f;
  static TlsFront front;
  static Kubectl kubectl;
  // kubectl flags are global: the first argument of every run carries the user.
  static final String ADMIN = "--token=" + SecureApiServerFixture.ADMIN_TOKEN;
  static final String DEV = "--token=" + TestAuthenticator.token("dev-user");

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Requirements.require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "kubectl");
    f = new SecureApiServerFixture();
    front = new TlsFront(f.server().port(), dir);
    kubectl = Kubectl.forServer(Kubectl.DEFAULT, front.url(), dir);
    Files.writeString(kubectl.kubeconfig(), Files.readString(kubectl.kubeconfig())
        .replace("server: " + front.url(), "server: " + front.url()
            + "\n    insecure-skip-tls-verify: true"));
    kubectl.run(ADMIN, "create", "role", "developer", "--verb=*", "--resource=pod")
        .assertOk();
    kubectl.run(ADMIN, "create", "rolebinding", "dev-user-binding", "--role=developer",
        "--user=dev-user", "-n", "default").assertOk();
  }

  @AfterAll
  static void stop() throws Exception {
    if (front != null) {
      front.close();
    }
    if (f != null) {
      f.close();
    }
  }

  @Test
  void devUserManagesPodsInDefault() {
    kubectl.run(DEV, "run", "web", "--image=nginx", "--restart=Never").assertOk();
    assertThat(kubectl.run(DEV, "get", "pods").assertOk().out()).contains("web");
    kubectl.run(DEV, "label", "pod", "web", "tier=front").assertOk();
    kubectl.run(DEV, "delete", "pod", "web", "--grace-period=0", "--force", "--wait=false")
        .assertOk();
  }

  @Test
  void devUserIsForbiddenElsewhereWithKubernetesMessage() {
    Kubectl.Result r = kubectl.run(DEV, "get", "pods", "-n", "kube-system");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("Error from server (Forbidden): pods is forbidden: User"
        + " \"dev-user\" cannot list resource \"pods\" in API group \"\" in the namespace"
        + " \"kube-system\"");
    r = kubectl.run(DEV, "get", "deployments");
    assertThat(r.err()).contains("deployments.apps is forbidden: User \"dev-user\" cannot list"
        + " resource \"deployments\" in API group \"apps\" in the namespace \"default\"");
    r = kubectl.run(DEV, "get", "nodes");
    assertThat(r.err()).contains("nodes is forbidden: User \"dev-user\" cannot list resource"
        + " \"nodes\" in API group \"\" at the cluster scope");
    r = kubectl.run(DEV, "create", "secret", "generic", "s", "--from-literal=a=b");
    assertThat(r.err()).contains("secrets is forbidden: User \"dev-user\" cannot create"
        + " resource \"secrets\" in API group \"\" in the namespace \"default\"");
  }

  @Test
  void adminDoesEverything() {
    kubectl.run(ADMIN, "create", "namespace", "team-a").assertOk();
    kubectl.run(ADMIN, "create", "secret", "generic", "db", "--from-literal=p=x", "-n",
        "team-a").assertOk();
    kubectl.run(ADMIN, "create", "deployment", "d", "--image=nginx", "-n", "team-a")
        .assertOk();
    assertThat(kubectl.run(ADMIN, "get", "nodes,clusterroles").assertOk().out())
        .contains("cluster-admin");
    assertThat(kubectl.run(ADMIN, "auth", "can-i", "*", "*").assertOk().out().trim())
        .isEqualTo("yes");
  }

  @Test
  void authCanIAnswersMatch() {
    assertThat(canI(DEV, "list", "pods")).isEqualTo("yes");
    assertThat(canI(DEV, "delete", "pods")).isEqualTo("yes");
    assertThat(canI(DEV, "list", "pods", "-n", "kube-system")).isEqualTo("no");
    assertThat(canI(DEV, "create", "deployments")).isEqualTo("no");
    assertThat(canI(DEV, "get", "pods", "--subresource=log")).isEqualTo("no");
    assertThat(canI(DEV, "get", "/healthz")).isEqualTo("yes");
    assertThat(canI(DEV, "get", "/metrics")).isEqualTo("no");
    assertThat(canI(ADMIN, "create", "deployments", "-n", "kube-system")).isEqualTo("yes");
    String list = kubectl.run(DEV, "auth", "can-i", "--list").assertOk().out();
    assertThat(list).containsPattern("(?m)^pods\\s+\\[\\]\\s+\\[\\]\\s+\\[\\*\\]")
        .containsPattern("(?m)^selfsubjectaccessreviews\\.authorization\\.k8s\\.io\\s+\\[\\]"
            + "\\s+\\[\\]\\s+\\[create\\]")
        .contains("[/healthz]");
    String other = kubectl.run(DEV, "auth", "can-i", "--list", "-n", "kube-system").assertOk()
        .out();
    assertThat(other).doesNotContainPattern("(?m)^pods\\s");
  }

  @Test
  void authCanIAsAnotherUser() {
    assertThat(canI(ADMIN, "list", "pods", "--as=dev-user")).isEqualTo("yes");
    assertThat(canI(ADMIN, "list", "pods", "--as=dev-user", "-n", "kube-system"))
        .isEqualTo("no");
    Kubectl.Result r = kubectl.run(ADMIN, "get", "pods", "-n", "kube-system", "--as=dev-user");
    assertThat(r.err()).contains("pods is forbidden: User \"dev-user\" cannot list resource"
        + " \"pods\" in API group \"\" in the namespace \"kube-system\"");
    // dev-user may not impersonate anyone.
    r = kubectl.run(DEV, "get", "pods", "--as=kubernetes-admin");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("cannot impersonate resource \"users\"");
  }

  @Test
  void accessReviewsAreInDiscovery() {
    String out = kubectl.run(DEV, "api-resources", "--api-group=authorization.k8s.io")
        .assertOk().out();
    assertThat(out).containsPattern("(?m)^selfsubjectaccessreviews\\s+authorization.k8s.io/v1"
            + "\\s+false\\s+SelfSubjectAccessReview")
        .containsPattern("(?m)^localsubjectaccessreviews\\s+authorization.k8s.io/v1\\s+true")
        .contains("selfsubjectrulesreviews", "subjectaccessreviews");
  }

  @Test
  void aSelfSubjectAccessReviewFromAFile() {
    String review = """
        apiVersion: authorization.k8s.io/v1
        kind: SelfSubjectAccessReview
        spec:
          resourceAttributes: {verb: list, resource: pods, namespace: default}
        """;
    // --validate=false: kubectl validates this kind on the client, which needs CRD reads
    // (and /openapi/v2 definitions) that a plain user lacks.
    Kubectl.Result r = kubectl.run(review, java.util.Map.of(), DEV, "create", "-f", "-",
        "--validate=false", "-o", "jsonpath={.status.allowed}");
    assertThat(r.assertOk().out()).isEqualTo("true");
  }

  private static String canI(String token, String... args) {
    String[] cmd = new String[args.length + 3];
    cmd[0] = token;
    cmd[1] = "auth";
    cmd[2] = "can-i";
    System.arraycopy(args, 0, cmd, 3, args.length);
    Kubectl.Result r = kubectl.run(cmd);
    // can-i exits 1 for "no"; anything on stderr beyond warnings is a failure to ask.
    assertThat(r.exit()).as(r.err()).isIn(0, 1);
    return r.out().trim();
  }
}

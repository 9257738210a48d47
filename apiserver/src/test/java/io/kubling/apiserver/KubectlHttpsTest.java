package io.kubling.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.authorization.Attributes;
import io.kubling.apiserver.authorization.Decision;
import io.kubling.testkit.Kubectl;
import io.kubling.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against the API server over HTTPS with a kubeconfig that carries the CA
 * and a client certificate (no --insecure-skip-tls-verify), and impersonation with --as.
 */
class KubectlHttpsTest {
  static SecureApiServer api;
  static Kubectl admin;
  static Kubectl dev;

  /**
   * The test's authorizer: system:masters may do anything; everyone else anything but
   * impersonate, except that "ops-lead" may impersonate users and groups but no uid.
   */
  static Decision decide(Attributes a) {
    UserInfo u = a.user();
    if (!a.verb().equals("impersonate") || u.inGroup(UserInfo.MASTERS)) {
      return Decision.ALLOW;
    }
    if (u.name().equals("ops-lead") && a.apiGroup().isEmpty()) {
      return Decision.ALLOW;
    }
    return Decision.noOpinion("");
  }

  @BeforeAll
  static void start() throws IOException {
    Requirements.require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "kubectl");
    api = new SecureApiServer(true, KubectlHttpsTest::decide);
    admin = kubectl("admin", TestPki.client(api.ca, "kubernetes-admin", "system:masters"));
    dev = kubectl("dev", TestPki.client(api.ca, "dev-user", "devs"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /**
   * A kubectl whose kubeconfig names the CA and a client certificate, as kubeadm's do
   * (cert null: the CA only).
   */
  static Kubectl kubectl(String name, TestPki.Issued cert) throws IOException {
    Path dir = api.dir.resolve("kubectl-" + name);
    Kubectl k = Kubectl.forServer(Kubectl.DEFAULT, api.url(), dir);
    String user = "{}";
    if (cert != null) {
      Path[] files = cert.write(api.dir, name);
      user = "{client-certificate: %s, client-key: %s}".formatted(files[0], files[1]);
    }
    Files.writeString(k.kubeconfig(), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubling
          cluster:
            server: %s
            certificate-authority: %s
        users:
        - name: %s
          user: %s
        contexts:
        - name: kubling
          context: {cluster: kubling, user: %s, namespace: default}
        current-context: kubling
        """.formatted(api.url(), api.caFile, name, user, name));
    return k;
  }

  @Test
  void kubectlWithAClientCertificateWorksOverHttps() {
    assertThat(admin.run("get", "ns").assertOk().out()).contains("default", "kube-system");
    assertThat(admin.run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}")
        .assertOk().out()).isEqualTo("kubernetes-admin");
    assertThat(admin.run("api-resources", "--api-group=authentication.k8s.io", "-o", "name")
        .assertOk().out()).contains("tokenreviews.authentication.k8s.io",
        "selfsubjectreviews.authentication.k8s.io");
  }

  @Test
  void kubectlCreatesATokenReview() {
    var r = admin.run("""
        apiVersion: authentication.k8s.io/v1
        kind: TokenReview
        spec:
          token: %s
        """.formatted(SecureApiServer.ADMIN_TOKEN), java.util.Map.of(), "create", "-f", "-",
        "-o", "jsonpath={.status.authenticated} {.status.user.username}").assertOk();
    assertThat(r.out()).isEqualTo("true token-admin");
  }

  @Test
  void watchesStreamOverHttps() throws Exception {
    // kubectl (Go) negotiates h2 by ALPN (HTTP/2 itself is checked in
    // HttpsAuthenticationTest); a watch is a long stream on that connection.
    Path out = api.dir.resolve("watch.txt");
    Process watch = admin.start(out, "get", "ns", "-w", "-o", "name");
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> Files.readString(out).contains("namespace/default"));
      admin.run("create", "ns", "watched").assertOk();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> Files.readString(out).contains("namespace/watched"));
    } finally {
      watch.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void aStaticTokenWorksFromTheCommandLine() throws IOException {
    Kubectl tokens = kubectl("tokens", null);
    var r = tokens.run("--token=" + SecureApiServer.DEV_TOKEN, "auth", "whoami",
        "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.uid}").assertOk();
    assertThat(r.out()).isEqualTo("dev-user 1002");
    var bad = tokens.run("--token=nope", "get", "ns");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("the server has asked for the client to provide credentials");
  }

  @Test
  void anAdminMayImpersonateAUserAndGroups() {
    var r = admin.run("--as=jane", "--as-group=devs", "--as-group=qa", "auth", "whoami",
        "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}").assertOk();
    assertThat(r.out()).isEqualTo("jane [\"devs\",\"qa\",\"system:authenticated\"]");
    var sa = admin.run("--as=system:serviceaccount:kube-system:builder", "auth", "whoami",
        "-o", "jsonpath={.status.userInfo.groups}").assertOk();
    assertThat(sa.out()).isEqualTo("[\"system:serviceaccounts\","
        + "\"system:serviceaccounts:kube-system\",\"system:authenticated\"]");
  }

  @Test
  void othersGetKubernetesForbiddenMessageForEachPartTheyMayNotImpersonate() {
    // kubectl's discovery cannot read a Status, so "get ns" only says Forbidden (as it does
    // against kube-apiserver); a raw request shows the server's message.
    var get = dev.run("--as=jane", "get", "ns");
    assertThat(get.exit()).isNotZero();
    assertThat(get.err()).contains("Error from server (Forbidden)");
    var user = dev.run("--as=jane", "get", "--raw", "/api/v1/namespaces");
    assertThat(user.exit()).isNotZero();
    assertThat(user.err()).contains("Error from server (Forbidden): users \"jane\" is"
        + " forbidden: User \"dev-user\" cannot impersonate resource \"users\" in API group"
        + " \"\" at the cluster scope");
    var sa = dev.run("--as=system:serviceaccount:kube-system:builder", "get", "--raw",
        "/api/v1/namespaces");
    assertThat(sa.err()).contains("serviceaccounts \"builder\" is forbidden: User"
        + " \"dev-user\" cannot impersonate resource \"serviceaccounts\" in API group \"\""
        + " in the namespace \"kube-system\"");
    // Dev is not in system:masters and so cannot even say it is.
    var group = dev.run("--as=dev-user", "--as-group=system:masters", "get", "--raw", "/api");
    assertThat(group.err()).contains("users \"dev-user\" is forbidden");
  }

  @Test
  void eachImpersonatedPartIsCheckedOnItsOwn() throws IOException {
    Kubectl lead = kubectl("lead", TestPki.client(api.ca, "ops-lead"));
    assertThat(lead.run("--as=jane", "--as-group=devs", "auth", "whoami", "-o",
        "jsonpath={.status.userInfo.username}").assertOk().out()).isEqualTo("jane");
    // uids live in authentication.k8s.io, which the authorizer refuses to ops-lead.
    var uid = lead.run("--as=jane", "--as-uid=42", "get", "--raw", "/api");
    assertThat(uid.err()).contains("uids.authentication.k8s.io \"42\" is forbidden: User"
        + " \"ops-lead\" cannot impersonate resource \"uids\" in API group"
        + " \"authentication.k8s.io\" at the cluster scope");
  }
}

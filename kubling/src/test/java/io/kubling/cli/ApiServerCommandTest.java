package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubling.testkit.EtcdServer;
import io.kubling.testkit.FreePorts;
import io.kubling.testkit.Kubectl;
import io.kubling.testkit.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubling apiserver} with no TLS flags, against an etcd it did not start, flags taken
 * from the env: it makes its PKI in --cert-dir, serves HTTPS only with client certificates
 * and Node,RBAC, writes an admin kubeconfig kubectl uses as is, and on a restart reuses the
 * PKI byte for byte.
 */
class ApiServerCommandTest {
  /** What --cert-dir holds for the API server alone. */
  static final List<String> PKI_FILES = List.of("ca.crt", "ca.key", "apiserver.crt",
      "apiserver.key", "admin.crt", "admin.key", "sa.key", "sa.pub");

  @TempDir
  Path tmp;

  @Test
  void servesHttpsWithItsOwnPkiAndReusesItOnRestart() throws Exception {
    Requirements.require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "kubectl");
    try (EtcdServer etcd = EtcdServer.start("kubling-apiserver-cmd")) {
      int port = FreePorts.next();
      Path certDir = tmp.resolve("pki");
      Path kubeconfig = tmp.resolve("admin.kubeconfig");
      Map<String, String> env = Map.of("KUBLING_ETCD_SERVERS", etcd.clientEndpoint(),
          "KUBLING_PORT", String.valueOf(port), "KUBLING_CERT_DIR", certDir.toString());
      String url = "https://127.0.0.1:" + port;
      Kubectl kubectl = Kubectl.withKubeconfig(Kubectl.DEFAULT, kubeconfig, tmp.resolve("kc"));
      Map<String, byte[]> first = new LinkedHashMap<>();
      try (KublingProcess k = KublingProcess.start(tmp, env, "apiserver",
          "--kubeconfig", kubeconfig.toString())) {
        k.awaitLine(l -> l.equals("export KUBECONFIG=" + kubeconfig), Duration.ofSeconds(120));
        assertThat(k.lines()).contains("certificates made in " + certDir
            + ": ca, apiserver, admin, sa", "apiserver ready at " + url);
        assertThat(kubeconfig).content().contains("server: " + url)
            .contains("certificate-authority-data: ").contains("client-certificate-data: ");
        for (String f : PKI_FILES) {
          first.put(f, Files.readAllBytes(certDir.resolve(f)));
        }
        assertThat(certDir.resolve("etcd")).as("no etcd certificates: etcd runs elsewhere")
            .doesNotExist();

        assertThat(kubectl.run("auth", "whoami", "-o",
            "jsonpath={.status.userInfo.username} {.status.userInfo.groups}").assertOk().out())
            .isEqualTo("kubernetes-admin [\"system:masters\",\"system:authenticated\"]");
        kubectl.run("create", "namespace", "demo").assertOk();
        // Anonymous callers reach the health endpoints and nothing else (RBAC).
        Path ca = certDir.resolve("ca.crt");
        await().atMost(Duration.ofSeconds(60))
            .until(() -> Http.anonymousGet(url + "/readyz", ca).code() == 200);
        Http.Response pods = Http.anonymousGet(url + "/api/v1/pods", ca);
        assertThat(pods.code()).isEqualTo(403);
        assertThat(pods.body()).contains("User \\\"system:anonymous\\\" cannot list resource"
            + " \\\"pods\\\"");
        assertThat(Http.status("http://127.0.0.1:" + port + "/readyz")).as("no plain HTTP")
            .isNotEqualTo(200);
        assertThat(k.children()).as("starts no etcd of its own").isEmpty();

        k.terminate(Duration.ofSeconds(60));
        assertThat(k.lines()).contains("apiserver stopped").noneMatch(l -> l.startsWith("etcd"));
      }

      // Again on the same --cert-dir, AlwaysAllow asked for by name: the same PKI, the
      // kubeconfig still works, and now anyone may list.
      try (KublingProcess k = KublingProcess.start(tmp, env, "apiserver",
          "--kubeconfig", kubeconfig.toString(), "--authorization-mode=AlwaysAllow")) {
        k.awaitLine(l -> l.equals("export KUBECONFIG=" + kubeconfig), Duration.ofSeconds(120));
        assertThat(k.lines()).contains("certificates in " + certDir + " reused");
        for (String f : PKI_FILES) {
          assertThat(Files.readAllBytes(certDir.resolve(f))).as(f).isEqualTo(first.get(f));
        }
        assertThat(kubectl.run("get", "namespace", "demo", "-o", "name").assertOk().out())
            .isEqualToIgnoringWhitespace("namespace/demo");
        assertThat(Http.anonymousGet(url + "/api/v1/namespaces", certDir.resolve("ca.crt"))
            .code()).isEqualTo(200);
      }
    }
  }

  @Test
  void aCertDirItCannotWriteIsOnePlainLine() {
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    var cmd = Main.commandLine(name -> null);
    cmd.setOut(new java.io.PrintWriter(out, true));
    cmd.setErr(new java.io.PrintWriter(err, true));
    int code = cmd.execute("apiserver", "--etcd-servers=http://127.0.0.1:1",
        "--cert-dir=/proc/kubling-pki");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1).first().asString()
        .startsWith("cannot make the API server's certificates in /proc/kubling-pki: ");
  }
}

package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiOptions;
import io.kubling.testkit.EtcdServer;
import io.kubling.testkit.FreePorts;
import io.kubling.testkit.Kubectl;
import io.kubling.testkit.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubling apiserver} with kube-apiserver's TLS and authentication flags, the
 * certificates from kubling's own PKI: HTTPS, client certificates, static tokens, and no
 * anonymous requests.
 */
class ApiServerHttpsCommandTest {
  @TempDir
  Path tmp;

  @Test
  void servesHttpsToClientCertificatesAndTokens() throws Exception {
    Requirements.require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "kubectl");
    ClusterPki pki = new ClusterPki(new PkiOptions(tmp, "10.96.0.0/12", List.of(), List.of()));
    pki.generate();
    Path tokens = tmp.resolve("tokens.csv");
    Files.writeString(tokens, "s3cr3t-token,ci-bot,42,\"ci\"\n");
    try (EtcdServer etcd = EtcdServer.start("kubling-apiserver-https")) {
      int port = FreePorts.next();
      String url = "https://127.0.0.1:" + port;
      try (KublingProcess k = KublingProcess.start(tmp, Map.of(), "apiserver",
          "--etcd-servers=" + etcd.clientEndpoint(), "--port=" + port,
          "--tls-cert-file=" + pki.crt("apiserver"), "--tls-private-key-file="
              + pki.key("apiserver"), "--client-ca-file=" + pki.crt("ca"),
          "--token-auth-file=" + tokens, "--anonymous-auth=false",
          // RBAC is built elsewhere; this test is about authentication.
          "--authorization-mode=AlwaysAllow")) {
        k.awaitLine(l -> l.equals("apiserver ready at " + url), Duration.ofSeconds(120));

        Kubectl admin = kubectl(tmp.resolve("admin"), url, pki.crt("ca"),
            "{client-certificate: " + pki.crt("admin") + ", client-key: " + pki.key("admin")
                + "}");
        assertThat(admin.run("auth", "whoami", "-o",
            "jsonpath={.status.userInfo.username} {.status.userInfo.groups}").assertOk().out())
            .isEqualTo("kubernetes-admin [\"system:masters\",\"system:authenticated\"]");

        Kubectl nobody = kubectl(tmp.resolve("nobody"), url, pki.crt("ca"), "{}");
        assertThat(nobody.run("--token=s3cr3t-token", "auth", "whoami", "-o",
            "jsonpath={.status.userInfo.username}").assertOk().out()).isEqualTo("ci-bot");
        // kubectl with no credentials at all asks for a user name on a terminal, so the
        // anonymous request is made by a plain HTTPS client that trusts the cluster CA.
        var anonymous = anonymousGet(url + "/healthz", pki.crt("ca"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(anonymous.body()).contains("\"reason\":\"Unauthorized\"");
      }
    }
  }

  private static java.net.http.HttpResponse<String> anonymousGet(String url, Path ca)
      throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(ca)) {
      trust.setCertificateEntry("ca", java.security.cert.CertificateFactory
          .getInstance("X.509").generateCertificate(in));
    }
    var tmf = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var ssl = javax.net.ssl.SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    var client = java.net.http.HttpClient.newBuilder().sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(10)).build();
    return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
        .timeout(Duration.ofSeconds(20)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static Kubectl kubectl(Path dir, String url, Path ca, String user) throws Exception {
    Kubectl k = Kubectl.forServer(Kubectl.DEFAULT, url, dir);
    Files.writeString(k.kubeconfig(), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubling
          cluster: {server: "%s", certificate-authority: "%s"}
        users:
        - name: u
          user: %s
        contexts:
        - name: kubling
          context: {cluster: kubling, user: u}
        current-context: kubling
        """.formatted(url, ca, user));
    return k;
  }
}

package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.cli.nodes.NodeCredentials;
import io.kubling.cli.pki.TlsFiles;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.testkit.Requirements;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The kubeconfigs {@code kubling server} writes, used against a TLS server that serves the
 * API server's certificate and takes only client certificates from the cluster CA, as
 * kube-apiserver with --client-ca-file does: kubectl and the fabric8 client connect with no
 * extra flags, and each shows its own identity (the subject the server sees).
 */
class KubeconfigTlsTest {
  @TempDir
  Path tmp;

  private HttpsServer server;
  private final List<String> callers = new CopyOnWriteArrayList<>();
  private ServerSecurity security;
  private String url;

  @BeforeEach
  void serveWithTheApiServersCertificate() throws Exception {
    security = ServerSecurity.prepare(tmp, "10.96.0.0/12", List.of(), List.of("node1"),
        line -> { });
    Path pki = tmp.resolve("pki");
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TlsFiles.clientContext(
        pki.resolve("ca.crt"), pki.resolve("apiserver.crt"), pki.resolve("apiserver.key"))) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        // As kube-apiserver does: a client certificate is asked for, not demanded.
        p.setWantClientAuth(true);
        params.setSSLParameters(p);
      }
    });
    // kubectl here is a dispatcher that asks /version first.
    server.createContext("/version", exchange -> {
      byte[] v = "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-test\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, v.length);
      exchange.getResponseBody().write(v);
      exchange.close();
    });
    server.createContext("/healthz", exchange -> {
      try {
        X509Certificate peer = (X509Certificate) ((HttpsExchange) exchange).getSSLSession()
            .getPeerCertificates()[0];
        callers.add(peer.getSubjectX500Principal().getName());
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        callers.add("anonymous");
      }
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    server.start();
    url = "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void everyComponentReachesTheServerAsItself() throws Exception {
    security.writeAdminKubeconfig(tmp.resolve("kubeconfig"), url);
    security.writeComponentKubeconfigs(url);
    Path node = NodeCredentials.write(tmp, "node1", url);
    for (Path kubeconfig : List.of(tmp.resolve("kubeconfig"), security.schedulerKubeconfig(),
        security.controllerManagerKubeconfig(), security.ingressControllerKubeconfig(), node)) {
      try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig,
          ClientSettings.defaults("test"))) {
        assertThat(client.raw(url + "/healthz")).as(kubeconfig.toString()).isEqualTo("ok");
      }
    }
    assertThat(callers).containsExactly("CN=kubernetes-admin,O=system:masters",
        "CN=system:kube-scheduler", "CN=system:kube-controller-manager",
        "CN=system:kubling-ingress-controller", "CN=system:node:node1,O=system:nodes");
  }

  @Test
  void kubectlSwitchesBetweenTheAdminAndAUserMadeByKublingCertsUser() throws Exception {
    Requirements.require(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl");
    Path kubeconfig = tmp.resolve("kubeconfig");
    security.writeAdminKubeconfig(kubeconfig, url);
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine(Map.<String, String>of()::get);
    cmd.setOut(new PrintWriter(out, true));
    assertThat(cmd.execute("certs", "user", "dev-user", "--group", "developers",
        "--data-dir", tmp.toString())).isZero();
    assertThat(out.toString()).contains("context dev-user@kubling added to " + kubeconfig);

    assertThat(kubectl(kubeconfig, "get", "--raw", "/healthz")).isEqualTo("ok");
    assertThat(kubectl(kubeconfig, "config", "get-contexts", "-o", "name").lines())
        .containsExactlyInAnyOrder("kubernetes-admin@kubling", "dev-user@kubling");
    kubectl(kubeconfig, "config", "use-context", "dev-user@kubling");
    assertThat(kubectl(kubeconfig, "config", "current-context").strip())
        .isEqualTo("dev-user@kubling");
    assertThat(kubectl(kubeconfig, "get", "--raw", "/healthz")).isEqualTo("ok");
    kubectl(kubeconfig, "config", "use-context", "kubernetes-admin@kubling");
    assertThat(kubectl(kubeconfig, "get", "--raw", "/healthz")).isEqualTo("ok");
    assertThat(callers).containsExactly("CN=kubernetes-admin,O=system:masters",
        "CN=dev-user,O=developers", "CN=kubernetes-admin,O=system:masters");
  }

  private String kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig",
        kubeconfig.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "kubectl", ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
        .start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("kubectl did not finish");
    }
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}

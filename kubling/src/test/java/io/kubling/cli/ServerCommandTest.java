package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubling.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubling server} as a user runs it: a child JVM with its own etcd, stopped with
 * SIGTERM as Ctrl-C would. The etcd it starts is killed to see the supervisor bring it back.
 */
class ServerCommandTest {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Pattern ETCD_PID = Pattern.compile("etcd ready at \\S+ \\(pid (\\d+)");

  @TempDir
  Path tmp;

  @Test
  void startsSupervisesEtcdStopsCleanlyAndComesBackWithTheSameCluster() throws Exception {
    Path data = tmp.resolve("data");
    int port = FreePorts.next();
    String url = "https://127.0.0.1:" + port;
    int etcdPort = FreePorts.next();
    String[] args = {"server", "--data-dir", data.toString(), "--port", String.valueOf(port),
        "--etcd-client-port", String.valueOf(etcdPort),
        "--etcd-peer-port", String.valueOf(FreePorts.next()), "--nodes", "0",
        "--ingress-http-port", String.valueOf(FreePorts.next()),
        "--ingress-https-port", String.valueOf(FreePorts.next()),
        "--load-balancer-ip-range", "10.250.0.200-10.250.0.201"};

    try (KublingProcess k = KublingProcess.start(tmp, Map.of(), args)) {
      try {
        String etcdReady = k.awaitLine(l -> l.startsWith("etcd ready at "), START);
        k.awaitLine(l -> l.startsWith("export KUBECONFIG="), START);
        Path kubeconfig = data.resolve("kubeconfig").toAbsolutePath();
        assertThat(k.lines()).as("progress lines").containsSubsequence(
            "certificates made in " + data.resolve("pki") + ": ca, etcd-ca, apiserver,"
                + " apiserver-etcd-client, etcd-server, etcd-peer, admin, kube-controller-manager,"
                + " kube-scheduler, ingress-controller, sa",
            etcdReady, "apiserver ready at " + url, "export KUBECONFIG=" + kubeconfig);
        assertThat(etcdReady).startsWith("etcd ready at https://127.0.0.1:" + etcdPort);
        // From here on the test calls the API server as kubectl does: the admin's client
        // certificate from the kubeconfig the server wrote.
        assertThat(Http.admin(data)).isEqualTo(url);
        awaitReady(url);

        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(kubeconfig.toFile());
        assertThat(config.path("current-context").asText()).isEqualTo("kubernetes-admin@kubling");
        assertThat(config.at("/clusters/0/name").asText()).isEqualTo("kubling");
        assertThat(config.at("/clusters/0/cluster/server").asText()).isEqualTo(url);
        assertThat(config.at("/clusters/0/cluster/certificate-authority-data").asText())
            .isEqualTo(base64(data.resolve("pki/ca.crt")));
        assertThat(config.at("/users/0/name").asText()).isEqualTo("kubernetes-admin");
        assertThat(config.at("/users/0/user/client-certificate-data").asText())
            .isEqualTo(base64(data.resolve("pki/admin.crt")));
        // The admin's key, as kubeadm writes an ECDSA key into a kubeconfig.
        assertThat(new String(java.util.Base64.getDecoder().decode(
            config.at("/users/0/user/client-key-data").asText())))
            .startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(config.at("/contexts/0/context/cluster").asText()).isEqualTo("kubling");
        assertThat(config.at("/contexts/0/context/user").asText()).isEqualTo("kubernetes-admin");
        for (var c : Map.of("scheduler.conf", "system:kube-scheduler", "controller-manager.conf",
            "system:kube-controller-manager", "ingress-controller.conf",
            "system:kubling-ingress-controller", "admin.conf", "kubernetes-admin").entrySet()) {
          JsonNode own = new ObjectMapper(new YAMLFactory()).readTree(data.resolve(c.getKey())
              .toFile());
          assertThat(own.at("/users/0/name").asText()).as(c.getKey()).isEqualTo(c.getValue());
          assertThat(own.at("/clusters/0/cluster/server").asText()).isEqualTo(url);
        }
        kubectlGetNamespacesWorks(kubeconfig);
        servingCertificateIsSignedByTheClusterCaForEveryAddress(data);
        etcdTakesOnlyClientsWithItsCertificate(data, etcdPort);
        // Anonymous callers reach the health endpoints and /version, and nothing else.
        Path ca = data.resolve("pki/ca.crt");
        assertThat(Http.anonymousGet(url + "/readyz", ca).code()).isEqualTo(200);
        assertThat(Http.anonymousGet(url + "/version", ca).code()).isEqualTo(200);
        Http.Response denied = Http.anonymousGet(url + "/api/v1/namespaces", ca);
        assertThat(denied.code()).isEqualTo(403);
        // The body is a JSON Status: the message's quotes arrive escaped.
        assertThat(denied.body()).contains("User \\\"system:anonymous\\\" cannot list"
            + " resource \\\"namespaces\\\"");
        devUserGetsWhatARoleBindingGrantsAndNothingElse(kubeconfig);

        assertThat(Http.postJson(url + "/api/v1/namespaces",
            "{\"metadata\":{\"name\":\"survivor\"}}").code()).isEqualTo(201);
        schedulerBindsAPod(url);
        // The in-process controller manager gives the namespace its default ServiceAccount.
        assertThat(k.lines()).anyMatch(l -> l.startsWith("controller-manager started"));
        // The in-process ingress controller creates its IngressClass, the cluster default.
        assertThat(k.lines()).anyMatch(l -> l.startsWith("ingress controller started"));
        await().atMost(START).until(() ->
            Http.status(url + "/apis/networking.k8s.io/v1/ingressclasses/kubling") == 200);
        await().atMost(START).until(() ->
            Http.status(url + "/api/v1/namespaces/survivor/serviceaccounts/default") == 200);
        // kube-dns, created as the admin (nodes may not create Services under RBAC).
        assertThat(Http.get(url + "/api/v1/namespaces/kube-system/services/kube-dns").body())
            .contains("\"clusterIP\":\"10.96.0.10\"");
        // The in-process controller manager hands out --load-balancer-ip-range's addresses.
        assertThat(Http.postJson(url + "/api/v1/namespaces/survivor/services", """
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","selector":{"app":"lb"},
             "ports":[{"port":80}]}}""").code()).isEqualTo(201);
        await().atMost(START).until(() -> Http.get(url + "/api/v1/namespaces/survivor/services/lb")
            .body().contains("\"ip\":\"10.250.0.200\""));

        // Kill etcd as a crash would. It is our own child: found by the PID the supervisor
        // printed, and checked against the server process's children before it is touched.
        long first = etcdPid(etcdReady);
        assertThat(k.children()).extracting(ProcessHandle::pid).contains(first);
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        String again = k.awaitLine(l -> l.startsWith("etcd ready at ") && l.contains("restart 1"),
            START);
        long second = etcdPid(again);
        assertThat(second).isNotEqualTo(first);
        assertThat(k.children()).extracting(ProcessHandle::pid).contains(second);
        assertThat(k.lines()).anyMatch(l -> l.startsWith("etcd exited with code"));
        awaitReady(url);
        await().atMost(START).until(() -> Http.status(url + "/api/v1/namespaces/survivor") == 200);

        k.terminate(Duration.ofSeconds(60));
        assertThat(k.lines()).as("API server first, etcd last: %s", k)
            .containsSubsequence("scheduler stopped", "apiserver stopped", "etcd stopped")
            .containsSubsequence("controller-manager stopped", "apiserver stopped", "etcd stopped");
        assertThat(k.liveDescendants()).as("etcd processes left behind").isEmpty();
      } catch (AssertionError | RuntimeException e) {
        throw k.failure(e); // with what the server printed, to tell why
      }
    }

    // Same data dir, same flags: the same cluster, with what was written before.
    Map<String, String> pkiBefore = ClusterFixture.tree(data.resolve("pki"));
    try (KublingProcess k = KublingProcess.start(tmp, Map.of(), args)) {
      k.awaitLine(l -> l.startsWith("export KUBECONFIG="), START);
      assertThat(k.lines()).contains("certificates in " + data.resolve("pki") + " reused");
      // Every certificate and key reused byte for byte.
      assertThat(ClusterFixture.tree(data.resolve("pki"))).isEqualTo(pkiBefore);
      awaitReady(url);
      assertThat(Http.get(url + "/api/v1/namespaces/survivor").body()).contains("\"survivor\"");
      k.terminate(Duration.ofSeconds(60));
      assertThat(k.liveDescendants()).isEmpty();
    }
  }

  /** The in-process scheduler binds a pod to the only node. */
  private static void schedulerBindsAPod(String url) throws Exception {
    assertThat(Http.postJson(url + "/api/v1/nodes", "{\"metadata\":{\"name\":\"node01\"},"
        + "\"status\":{\"allocatable\":{\"cpu\":\"2\",\"memory\":\"2Gi\",\"pods\":\"10\"}}}")
        .code()).isEqualTo(201);
    assertThat(Http.postJson(url + "/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":"
        + "\"web\"},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}")
        .code()).isEqualTo(201);
    await().atMost(START).until(() -> Http.get(url + "/api/v1/namespaces/default/pods/web").body()
        .contains("\"nodeName\":\"node01\""));
  }

  private static void awaitReady(String url) {
    await().atMost(START).pollInterval(Duration.ofMillis(200))
        .until(() -> Http.status(url + "/readyz") == 200);
  }

  private static long etcdPid(String readyLine) {
    Matcher m = ETCD_PID.matcher(readyLine);
    assertThat(m.find()).as("pid in %s", readyLine).isTrue();
    return Long.parseLong(m.group(1));
  }

  /**
   * The flow with the real kubectl: a second user made by {@code kubling certs user}
   * (a client certificate from the cluster CA, a second context), a Role and RoleBinding
   * from the admin, then dev-user manages pods and is refused anything else.
   */
  private void devUserGetsWhatARoleBindingGrantsAndNothingElse(Path kubeconfig)
      throws Exception {
    io.kubling.testkit.Requirements.require(Files.isExecutable(Path.of("/usr/bin/kubectl")),
        "kubectl");
    assertThat(Main.commandLine(Map.<String, String>of()::get).execute("certs", "user",
        "dev-user", "--data-dir", kubeconfig.getParent().toString())).isZero();
    String forbidden = "pods is forbidden: User \"dev-user\" cannot list resource \"pods\" in"
        + " API group \"\" in the namespace \"default\"";
    Run before = kubectl(kubeconfig, "--context", "dev-user@kubling", "get", "pods");
    assertThat(before.code()).isNotZero();
    assertThat(before.out()).contains(forbidden);
    assertThat(kubectl(kubeconfig, "create", "role", "developer", "--verb=*",
        "--resource=pod").code()).isZero();
    assertThat(kubectl(kubeconfig, "create", "rolebinding", "dev-user-binding",
        "--role=developer", "--user=dev-user").code()).isZero();
    // kubectl config use-context across the two contexts, as the study notes do.
    assertThat(kubectl(kubeconfig, "config", "use-context", "dev-user@kubling").code())
        .isZero();
    await().atMost(START).until(() -> kubectl(kubeconfig, "get", "pods").code() == 0);
    assertThat(kubectl(kubeconfig, "run", "dev-pod", "--image=nginx:1.27").code()).isZero();
    assertThat(kubectl(kubeconfig, "auth", "can-i", "delete", "pods").out().strip())
        .isEqualTo("yes");
    assertThat(kubectl(kubeconfig, "auth", "can-i", "list", "services").out().strip())
        .isEqualTo("no");
    Run services = kubectl(kubeconfig, "get", "services");
    assertThat(services.code()).isNotZero();
    assertThat(services.out()).contains("services is forbidden: User \"dev-user\" cannot list"
        + " resource \"services\" in API group \"\" in the namespace \"default\"");
    assertThat(kubectl(kubeconfig, "delete", "pod", "dev-pod", "--wait=false").code()).isZero();
    assertThat(kubectl(kubeconfig, "config", "use-context", "kubernetes-admin@kubling").code())
        .isZero();
    assertThat(kubectl(kubeconfig, "get", "services").code()).isZero();
  }

  private Run kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig",
        kubeconfig.toString(), "--cache-dir", tmp.resolve("kube-cache").toString()));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(String[]::new));
  }

  private static String base64(Path file) throws Exception {
    return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(file));
  }

  /** What the study notes look at: who signed the API server's certificate, for which names. */
  private static void servingCertificateIsSignedByTheClusterCaForEveryAddress(Path data)
      throws Exception {
    String text = io.kubling.cli.pki.ClusterPkiTest.openssl("x509", "-in",
        data.resolve("pki/apiserver.crt").toString(), "-noout", "-issuer", "-ext",
        "subjectAltName");
    assertThat(text).containsPattern("issuer=\\s?CN ?= ?kubernetes\\b")
        .contains("DNS:kubernetes", "DNS:kubernetes.default.svc.cluster.local",
            "IP Address:10.96.0.1", "IP Address:127.0.0.1");
  }

  /** etcd wants a certificate from its own CA; the study notes' etcdctl snapshot save works. */
  private void etcdTakesOnlyClientsWithItsCertificate(Path data, int etcdPort)
      throws Exception {
    io.kubling.testkit.Requirements.require(Files.isExecutable(Path.of("/usr/bin/etcdctl")),
        "etcdctl");
    String endpoint = "https://127.0.0.1:" + etcdPort;
    Path pki = data.resolve("pki");
    Run anonymous = run("etcdctl", "--endpoints", endpoint, "--dial-timeout", "3s",
        "--command-timeout", "5s", "--cacert", pki.resolve("etcd/ca.crt").toString(),
        "get", "/registry/namespaces/default");
    assertThat(anonymous.code()).as(anonymous.out()).isNotZero();
    Path snap = tmp.resolve("x.db");
    Run save = run("etcdctl", "--endpoints", endpoint,
        "--cacert", pki.resolve("etcd/ca.crt").toString(),
        "--cert", pki.resolve("apiserver-etcd-client.crt").toString(),
        "--key", pki.resolve("apiserver-etcd-client.key").toString(),
        "snapshot", "save", snap.toString());
    assertThat(save.code()).as(save.out()).isZero();
    assertThat(Files.size(snap)).isPositive();
  }

  private record Run(int code, String out) {}

  private Run run(String... cmd) throws Exception {
    Path out = Files.createTempFile(tmp, "run", ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().put("ETCDCTL_API", "3");
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", cmd) + " did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out));
  }

  /** The real kubectl reads the kubeconfig and lists namespaces, where kubectl is installed. */
  private void kubectlGetNamespacesWorks(Path kubeconfig) throws Exception {
    Path kubectl = Path.of("/usr/bin/kubectl");
    if (!Files.isExecutable(kubectl)) {
      return; // a fresh Debian has no kubectl; the YAML checks above still ran
    }
    Path out = tmp.resolve("kubectl.out");
    ProcessBuilder pb = new ProcessBuilder(List.of(kubectl.toString(), "get", "namespaces",
        "-o", "name")).redirectErrorStream(true).redirectOutput(out.toFile());
    // KUBECONFIG, the way the server's last line tells users to do it.
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process run = pb.start();
    run.getOutputStream().close();
    if (!run.waitFor(60, TimeUnit.SECONDS)) {
      run.destroyForcibly().waitFor();
      throw new AssertionError("kubectl did not finish");
    }
    assertThat(Files.readString(out)).contains("namespace/default", "namespace/kube-system");
    assertThat(run.exitValue()).isZero();
  }
}

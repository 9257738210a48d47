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
    String url = "http://127.0.0.1:" + port;
    String[] args = {"server", "--data-dir", data.toString(), "--port", String.valueOf(port),
        "--etcd-client-port", String.valueOf(FreePorts.next()),
        "--etcd-peer-port", String.valueOf(FreePorts.next()), "--nodes", "0",
        "--ingress-http-port", String.valueOf(FreePorts.next()),
        "--ingress-https-port", String.valueOf(FreePorts.next()),
        "--load-balancer-ip-range", "10.250.0.200-10.250.0.201"};

    try (KublingProcess k = KublingProcess.start(tmp, Map.of(), args)) {
      String etcdReady = k.awaitLine(l -> l.startsWith("etcd ready at "), START);
      k.awaitLine(l -> l.startsWith("export KUBECONFIG="), START);
      Path kubeconfig = data.resolve("kubeconfig").toAbsolutePath();
      assertThat(k.lines()).as("progress lines").containsSubsequence(etcdReady,
          "apiserver ready at " + url, "export KUBECONFIG=" + kubeconfig);
      awaitReady(url);

      JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(kubeconfig.toFile());
      assertThat(config.path("current-context").asText()).isEqualTo("kubling");
      assertThat(config.at("/clusters/0/name").asText()).isEqualTo("kubling");
      assertThat(config.at("/clusters/0/cluster/server").asText()).isEqualTo(url);
      assertThat(config.at("/users/0/name").asText()).isEqualTo("admin");
      assertThat(config.at("/contexts/0/context/cluster").asText()).isEqualTo("kubling");
      assertThat(config.at("/contexts/0/context/user").asText()).isEqualTo("admin");
      kubectlGetNamespacesWorks(kubeconfig);

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
    }

    // Same data dir, same flags: the same cluster, with what was written before.
    try (KublingProcess k = KublingProcess.start(tmp, Map.of(), args)) {
      k.awaitLine(l -> l.startsWith("export KUBECONFIG="), START);
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

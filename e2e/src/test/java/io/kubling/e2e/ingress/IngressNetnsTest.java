package io.kubling.e2e.ingress;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.UnixSocketRelay;
import io.kubling.agent.host.NodeHosts;
import io.kubling.e2e.secure.Identity;
import io.kubling.e2e.secure.SecureCluster;
import io.kubling.testkit.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ingress controller with real traffic between network namespaces: the controller is a
 * JVM in node 1 (10.250.0.1, ports 80/443), backends are echo servers in node 2, and curl runs
 * in node 3; a real etcd and API server run in this JVM ({@link SecureCluster}), reached
 * through a Unix socket, the controller with its own identity.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngressNetnsTest {
  static final int CONTROLLER = 1;
  static final int BACKENDS = 2;
  static final int CLIENT = 3;
  static final String INGRESS_IP = NodeHosts.nodeIp(CONTROLLER);

  static Path tmp;
  static SecureCluster cluster;
  static KubernetesClient client;
  static NodeHosts bed;
  static UnixSocketRelay relay;
  static Backends backends;

  @BeforeAll
  static void start() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    require(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl");
    require(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl");
    tmp = Files.createTempDirectory("kubling-ingress-e2e");
    cluster = SecureCluster.start("ingress-e2e");
    client = cluster.admin();
    relay = UnixSocketRelay.unixToTcp(tmp.resolve("api.sock"),
        new InetSocketAddress("127.0.0.1", cluster.port()));
    bed = new NodeHosts("kt-ing");
    for (int i = 1; i <= 3; i++) {
      bed.addNode(i);
    }
    backends = new Backends(bed, client, tmp);
    bed.startInNode(CONTROLLER, List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        IngressChild.class.getName(), tmp.resolve("api.sock").toString(),
        cluster.kubeconfig(Identity.INGRESS_CONTROLLER).toString(),
        cluster.secure() ? "https" : "http"),
        tmp.resolve("controller.log"));
    // The controller creates its IngressClass, the cluster default, once it is up.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(
        () -> client.network().v1().ingressClasses().withName("kubling").get() != null);
    var c = client.network().v1().ingressClasses().withName("kubling").get();
    assertThat(c.getSpec().getController()).isEqualTo("kubling.io/ingress-controller");
    assertThat(c.getMetadata().getAnnotations())
        .containsEntry("ingressclass.kubernetes.io/is-default-class", "true");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (bed != null) {
        bed.close();
      }
    } finally {
      if (relay != null) {
        relay.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      if (tmp != null) {
        TempDirs.printTail(tmp.resolve("controller.log"), "controller log", 30);
        TempDirs.deleteTree(tmp);
      }
    }
  }

  /** "body code" of one request (the body's newline dropped) from the client node, e.g. {@code 200 alpha}. */
  static String get(String host, String path) throws IOException {
    return NodeHosts.exec(bed.node(CLIENT), "curl -s --noproxy '*' --max-time 5 -w ' %{http_code}'"
        + " -H 'Host: " + host + "' http://" + INGRESS_IP + path).out().replace("\n", "")
        .strip();
  }

  static void eventually(String host, String path, String expected) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(get(host, path)).isEqualTo(expected));
  }

  static Ingress ingress(String name, String yaml) {
    Ingress ing = client.network().v1().ingresses().load(
        new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).item();
    ing.getMetadata().setName(name);
    return client.network().v1().ingresses().inNamespace("default").resource(ing).create();
  }

  @Test
  @Order(1)
  void twoServicesByPathAndByHostAndStatus() throws Exception {
    backends.service("api");
    backends.service("web");
    backends.start("api-1", BACKENDS, 8081);
    backends.start("web-1", BACKENDS, 8082);
    backends.publish("api", "api-1", BACKENDS, 8081, true);
    backends.publish("web", "web-1", BACKENDS, 8082, true);
    ingress("shop", """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec:
          ingressClassName: kubling
          rules:
          - host: shop.example
            http:
              paths:
              - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
          - host: api.example
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
          - host: "*.web.example"
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        """);
    eventually("shop.example", "/api/items", "api-1 200");
    assertThat(get("shop.example", "/apix")).isEqualTo("web-1 200");
    assertThat(get("shop.example", "/")).isEqualTo("web-1 200");
    assertThat(get("api.example", "/anything")).isEqualTo("api-1 200");
    assertThat(get("www.web.example", "/")).isEqualTo("web-1 200");
    assertThat(get("unknown.example", "/")).isEqualTo("default backend - 404 404");

    // The controller publishes the address it serves on (its node's IP).
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        client.network().v1().ingresses().inNamespace("default").withName("shop").get()
            .getStatus().getLoadBalancer().getIngress()).singleElement()
        .satisfies(p -> assertThat(p.getIp()).isEqualTo(INGRESS_IP)));
  }

  @Test
  @Order(2)
  void defaultBackendTakesWhatNoRuleMatches() throws Exception {
    backends.service("fallback");
    backends.start("fallback-1", BACKENDS, 8083);
    backends.publish("fallback", "fallback-1", BACKENDS, 8083, true);
    ingress("catch-all", """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: catch-all}
        spec:
          defaultBackend: {service: {name: fallback, port: {number: 80}}}
        """);
    // No class at all: the default class (kubling) takes it.
    eventually("unknown.example", "/x", "fallback-1 200");
    assertThat(get("shop.example", "/api")).isEqualTo("api-1 200");
    client.network().v1().ingresses().inNamespace("default").withName("catch-all").delete();
    eventually("unknown.example", "/x", "default backend - 404 404");
  }

  @Test
  @Order(3)
  void backendScaledToZeroIs503AndBack() throws Exception {
    backends.publish("web", "web-1", BACKENDS, 8082, false);
    eventually("shop.example", "/", "503 Service Temporarily Unavailable: no ready endpoints"
        + " for default/web:http 503");
    backends.unpublish("web", "web-1");
    assertThat(get("shop.example", "/")).endsWith(" 503");
    backends.publish("web", "web-1", BACKENDS, 8082, true);
    eventually("shop.example", "/", "web-1 200");
  }

  @Test
  @Order(4)
  void tlsWithSniForTwoHostsReloadedWhenTheSecretChanges() throws Exception {
    secret("a-tls", "a.example", "a1");
    secret("b-tls", "b.example", "b1");
    ingress("tls", """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: tls}
        spec:
          ingressClassName: kubling
          tls:
          - {hosts: [a.example], secretName: a-tls}
          - {hosts: [b.example], secretName: b-tls}
          rules:
          - host: a.example
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
          - host: b.example
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        """);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(
        () -> {
          assertThat(https("a.example", "a1")).isEqualTo("api-1 200 https");
          assertThat(https("b.example", "b1")).isEqualTo("web-1 200 https");
        });
    // Each host's certificate is its own: a's CA does not verify what b.example serves.
    assertThat(https("b.example", "a1")).doesNotContain("200");
    // A new certificate in the secret is served without a restart.
    secret("a-tls", "a.example", "a2");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(
        () -> assertThat(https("a.example", "a2")).isEqualTo("api-1 200 https"));
    assertThat(https("b.example", "b1")).isEqualTo("web-1 200 https");
  }

  /** A self-signed certificate for host (made by openssl) stored as secret name. */
  static void secret(String name, String host, String tag) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("certs").resolve(tag));
    NodeHosts.sh("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=" + host
        + " -addext subjectAltName=DNS:" + host + " -keyout " + dir.resolve("key.pem") + " -out "
        + dir.resolve("cert.pem") + " 2>/dev/null");
    var b64 = Base64.getEncoder();
    client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
        .withName(name).endMetadata().withType("kubernetes.io/tls").withData(Map.of(
            "tls.crt", b64.encodeToString(Files.readAllBytes(dir.resolve("cert.pem"))),
            "tls.key", b64.encodeToString(Files.readAllBytes(dir.resolve("key.pem")))))
        .build()).createOr(e -> e.update());
  }

  /** GET https://host/ with SNI, trusting only the certificate tagged caTag. */
  static String https(String host, String caTag) throws IOException {
    return NodeHosts.exec(bed.node(CLIENT), "curl -s --noproxy '*' --max-time 5 -w ' %{http_code}"
        + " %{scheme}' --cacert " + tmp.resolve("certs").resolve(caTag).resolve("cert.pem")
        + " --resolve " + host + ":443:" + INGRESS_IP + " https://" + host + "/").out()
        .replace("\n", "").strip()
        .toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  @Order(5)
  void rollingUpdateUnderASteadyStreamLosesNoRequest() throws Exception {
    backends.service("roll");
    backends.start("roll-1", BACKENDS, 8091);
    backends.start("roll-2", BACKENDS, 8092);
    backends.publish("roll", "roll-1", BACKENDS, 8091, true);
    backends.publish("roll", "roll-2", BACKENDS, 8092, true);
    ingress("roll", """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: roll}
        spec:
          rules:
          - host: roll.example
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: roll, port: {number: 80}}}}
        """);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(
        () -> assertThat(get("roll.example", "/")).matches("roll-[12] 200"));
    int requests = 300;
    // One curl, one keep-alive connection, 25 requests a second: about 12 s of traffic.
    Process stream = new ProcessBuilder("ip", "netns", "exec", bed.node(CLIENT), "curl", "-s",
        "--noproxy", "*", "--max-time", "60", "--rate", "25/s", "-o", "/dev/null", "-w",
        "%{http_code}\\n", "-H", "Host: roll.example",
        "http://" + INGRESS_IP + "/r/[1-" + requests + "]").redirectErrorStream(true).start();
    try {
      // Replace the two instances one by one, each new one ready before the old one goes.
      int[][] steps = {{1, 3, 8091, 8093}, {2, 4, 8092, 8094}};
      for (int[] s : steps) {
        String old = "roll-" + s[0];
        String next = "roll-" + s[1];
        backends.start(next, BACKENDS, s[3]);
        awaitListening(s[3]);
        backends.publish("roll", next, BACKENDS, s[3], true);
        Thread.sleep(1500);
        backends.unpublish("roll", old);
        Thread.sleep(1500); // the controller drops the endpoint before the process goes
        backends.stop(old);
      }
      assertThat(stream.waitFor(90, TimeUnit.SECONDS)).isTrue();
      String out = new String(stream.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      List<String> codes = new ArrayList<>(List.of(out.strip().split("\\s+")));
      assertThat(codes).hasSize(requests);
      assertThat(codes).allMatch("200"::equals);
    } finally {
      stream.destroyForcibly();
    }
    assertThat(get("roll.example", "/")).matches("roll-[34] 200");
  }

  static void awaitListening(int port) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
        NodeHosts.exec(bed.node(CLIENT), "curl -s -o /dev/null --max-time 2 http://"
            + NodeHosts.nodeIp(BACKENDS) + ":" + port + "/").code() == 0);
  }
}

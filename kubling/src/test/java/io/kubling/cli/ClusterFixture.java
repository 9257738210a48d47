package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A {@code kubling server} for snapshot tests: its ports and data dir, and the namespace
 * "shop" with a deployment, a service, a secret and a configmap in it.
 */
final class ClusterFixture {
  static final Duration START = Duration.ofSeconds(400);
  static final ObjectMapper JSON = new ObjectMapper();
  /** The objects the tests create, by API path. */
  static final List<String> SHOP = List.of(
      "/api/v1/namespaces/shop",
      "/apis/apps/v1/namespaces/shop/deployments/web",
      "/api/v1/namespaces/shop/services/web",
      "/api/v1/namespaces/shop/secrets/db",
      "/api/v1/namespaces/shop/configmaps/settings");

  final Path tmp;
  final Path data;
  final int apiPort = FreePorts.next();
  final int etcdClientPort = FreePorts.next();
  final int etcdPeerPort = FreePorts.next();

  ClusterFixture(Path tmp, String dataDirName) {
    this.tmp = tmp;
    this.data = tmp.resolve(dataDirName);
  }

  String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** The server's etcd: TLS with client-certificate auth. */
  String etcdUrl() {
    return "https://127.0.0.1:" + etcdClientPort;
  }

  String[] serverArgs(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("server", "--data-dir", data.toString(),
        "--port", String.valueOf(apiPort),
        "--etcd-client-port", String.valueOf(etcdClientPort),
        "--etcd-peer-port", String.valueOf(etcdPeerPort)));
    if (!List.of(more).contains("--nodes")) {
      args.addAll(List.of("--nodes", "0")); // only the tests about nodes start them
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  KublingProcess startServer(String... more) {
    KublingProcess k = KublingProcess.start(tmp, Map.of(), serverArgs(more));
    k.awaitLine(l -> l.startsWith("export KUBECONFIG="), START);
    assertThat(Http.admin(data)).isEqualTo(url());
    await().atMost(START).pollInterval(Duration.ofMillis(200))
        .until(() -> Http.status(url() + "/readyz") == 200);
    return k;
  }

  /** Runs {@code kubling etcd-snapshot ...} against this server to the end. */
  KublingProcess snapshotCommand(String... args) throws InterruptedException {
    List<String> all = new java.util.ArrayList<>(List.of("etcd-snapshot"));
    all.addAll(List.of(args));
    all.addAll(List.of("--data-dir", data.toString(), "--etcd-servers", etcdUrl()));
    KublingProcess k = KublingProcess.start(tmp, Map.of(), all.toArray(String[]::new));
    k.awaitExit(Duration.ofSeconds(300));
    return k;
  }

  void createShop() {
    post("/api/v1/namespaces", """
        {"metadata":{"name":"shop"}}""");
    post("/apis/apps/v1/namespaces/shop/deployments", """
        {"metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"web",
            "image":"nginx:1.27","ports":[{"containerPort":8080}]}]}}}}""");
    post("/api/v1/namespaces/shop/services", """
        {"metadata":{"name":"web"},
         "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}""");
    post("/api/v1/namespaces/shop/secrets", """
        {"metadata":{"name":"db"},"type":"Opaque","data":{"password":"aHVudGVyMg=="}}""");
    post("/api/v1/namespaces/shop/configmaps", """
        {"metadata":{"name":"settings"},"data":{"color":"blue"}}""");
  }

  /** Deletes the objects, then the namespace, removing its finalizer as a namespace controller would. */
  void deleteShop() throws IOException {
    for (String path : SHOP.subList(1, SHOP.size())) {
      assertThat(Http.delete(url() + path).code()).as("DELETE %s", path).isIn(200, 202);
    }
    assertThat(Http.delete(url() + SHOP.get(0)).code()).isIn(200, 202);
    Http.Response ns = Http.get(url() + SHOP.get(0));
    if (ns.code() == 200) {
      ObjectNode o = (ObjectNode) JSON.readTree(ns.body());
      o.withObject("/spec").putArray("finalizers");
      Http.Response fin = Http.putJson(url() + SHOP.get(0) + "/finalize", o.toString());
      assertThat(fin.code()).as("finalize: %s", fin.body()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(SHOP)
        .allSatisfy(p -> assertThat(Http.get(url() + p)).as(p).extracting(Http.Response::code)
            .isEqualTo(404)));
  }

  void post(String path, String json) {
    Http.Response r = Http.postJson(url() + path, json);
    assertThat(r.code()).as("POST %s: %s", path, r.body()).isEqualTo(201);
  }

  /**
   * uid, resourceVersion (and a service's clusterIP) of every shop object. A Deployment's
   * resourceVersion is left out: the controller manager in `kubling server` writes its
   * status as soon as it sees it, before and after a restore alike.
   */
  Map<String, String> identities() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String path : SHOP) {
      Http.Response r = Http.get(url() + path);
      assertThat(r.code()).as("GET %s: %s", path, r.body()).isEqualTo(200);
      JsonNode o = read(r.body());
      boolean reconciled = path.contains("/deployments/");
      ids.put(path, o.at("/metadata/uid").asText()
          + (reconciled ? "" : " rv=" + o.at("/metadata/resourceVersion").asText())
          + (o.has("spec") && o.get("spec").has("clusterIP")
              ? " ip=" + o.at("/spec/clusterIP").asText() : ""));
    }
    return ids;
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir} with its sha256: equal maps mean untouched data. */
  static Map<String, String> tree(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        files.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
            md.digest(Files.readAllBytes(p))));
      }
    }
    return files;
  }
}

package io.kubling.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.Http;
import io.kubling.apiserver.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST surface as curl sees it: verbs, errors as Status bodies, watch streams, health. */
class RestApiTest {
  static ApiServerFixture f;
  static Http http;
  static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"%s\""
      + ",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\","
      + "\"image\":\"nginx\"}]}}";

  @BeforeAll
  static void up() {
    // A small watch window lets a test fall out of it quickly.
    f = new ApiServerFixture(o -> o.withWatchCacheWindow(20));
    http = new Http(f.url());
    assertThat(http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"rest\"}}").code())
        .isEqualTo(201);
  }

  @AfterAll
  static void down() {
    f.close();
  }

  static JsonNode json(Http.Response r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  static void assertStatus(Http.Response r, int code, String reason) {
    assertThat(r.code()).as(r.body()).isEqualTo(code);
    JsonNode s = json(r);
    assertThat(s.path("kind").asText()).isEqualTo("Status");
    assertThat(s.path("status").asText()).isEqualTo("Failure");
    assertThat(s.path("reason").asText()).isEqualTo(reason);
    assertThat(s.path("code").asInt()).isEqualTo(code);
  }

  @Test
  void bootstrapObjectsExist() {
    JsonNode ns = json(http.get("/api/v1/namespaces"));
    List<String> names = new ArrayList<>();
    ns.path("items").forEach(n -> names.add(n.path("metadata").path("name").asText()));
    assertThat(names).contains("default", "kube-system", "kube-public", "kube-node-lease");
    JsonNode svc = json(http.get("/api/v1/namespaces/default/services/kubernetes"));
    assertThat(svc.path("spec").path("clusterIP").asText()).isEqualTo("10.96.0.1");
    assertThat(ns.path("kind").asText()).isEqualTo("NamespaceList");
    assertThat(ns.path("metadata").path("resourceVersion").asLong()).isPositive();
  }

  @Test
  void healthVersionAndMetrics() {
    assertThat(http.get("/healthz").body()).isEqualTo("ok");
    assertThat(http.get("/livez").code()).isEqualTo(200);
    assertThat(http.get("/readyz").code()).isEqualTo(200);
    JsonNode v = json(http.get("/version"));
    assertThat(v.path("major").asText()).isEqualTo("1");
    assertThat(v.path("minor").asText()).isEqualTo("32");
    http.get("/api/v1/namespaces/rest/pods");
    String metrics = http.get("/metrics").body();
    assertThat(metrics).contains("apiserver_request_total{verb=\"list\",resource=\"pods\",code=\"200\"}")
        .contains("apiserver_request_duration_seconds_bucket{verb=\"list\",resource=\"pods\"")
        .contains("apiserver_registered_watchers");
  }

  @Test
  void createGetUpdatePatchDelete() {
    Http.Response created = http.post("/api/v1/namespaces/rest/pods", POD.formatted("crud"));
    assertThat(created.code()).isEqualTo(201);
    JsonNode pod = json(created);
    assertThat(pod.path("metadata").path("namespace").asText()).isEqualTo("rest");
    String rv = pod.path("metadata").path("resourceVersion").asText();

    Http.Response merged = http.patch("/api/v1/namespaces/rest/pods/crud",
        "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"db\"}}}");
    assertThat(merged.code()).isEqualTo(200);
    assertThat(json(merged).path("metadata").path("labels").path("tier").asText()).isEqualTo("db");

    Http.Response jsonPatched = http.patch("/api/v1/namespaces/rest/pods/crud",
        "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"busybox\"}]");
    assertThat(jsonPatched.code()).isEqualTo(200);
    assertThat(json(jsonPatched).at("/spec/containers/0/image").asText()).isEqualTo("busybox");

    // A PUT with the first resourceVersion is stale now.
    String stale = POD.formatted("crud").replace("\"name\":\"crud\"",
        "\"name\":\"crud\",\"resourceVersion\":\"" + rv + "\"");
    assertStatus(http.put("/api/v1/namespaces/rest/pods/crud", stale), 409, "Conflict");

    Http.Response strategic = http.patch("/api/v1/namespaces/rest/pods/crud",
        "application/strategic-merge-patch+json",
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.27\"}]}}");
    assertThat(strategic.code()).isEqualTo(200);
    assertThat(json(strategic).at("/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    assertThat(json(strategic).at("/spec/containers").size()).isEqualTo(1);

    Http.Response serverSideApply = http.patch("/api/v1/namespaces/rest/pods/crud",
        "application/apply-patch+yaml", "{}");
    assertStatus(serverSideApply, 415, "UnsupportedMediaType");

    assertThat(http.delete("/api/v1/namespaces/rest/pods/crud").code()).isEqualTo(200);
    Http.Response gone = http.get("/api/v1/namespaces/rest/pods/crud");
    assertStatus(gone, 404, "NotFound");
    assertThat(json(gone).path("message").asText()).isEqualTo("pods \"crud\" not found");
    assertThat(json(gone).path("details").path("name").asText()).isEqualTo("crud");
  }

  @Test
  void badInputIsRefusedWithStatusBodiesAndWritesNothing() {
    assertStatus(http.post("/api/v1/namespaces/rest/pods", "{not json"), 400, "BadRequest");
    assertStatus(http.send(java.net.http.HttpRequest.newBuilder(
            URI.create(f.url() + "/api/v1/namespaces/rest/configmaps"))
        .header("Content-Type", "application/yaml")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("metadata: [unclosed"))),
        400, "BadRequest");
    Http.Response mismatch = http.post("/api/v1/namespaces/rest/pods",
        POD.formatted("mm").replace("\"name\":\"mm\"", "\"name\":\"mm\",\"namespace\":\"other\""));
    assertStatus(mismatch, 400, "BadRequest");
    assertThat(json(mismatch).path("message").asText()).contains("does not match the namespace");
    assertStatus(http.put("/api/v1/namespaces/rest/pods/other-name", POD.formatted("mm")), 400,
        "BadRequest");
    assertStatus(http.get("/api/v1/namespaces/rest/widgets"), 404, "NotFound");
    assertStatus(http.get("/apis/example.com/v1/widgets"), 404, "NotFound");
    String big = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + "x".repeat(3_200_000)
        + "\"}}";
    assertStatus(http.post("/api/v1/namespaces/rest/configmaps", big), 413,
        "RequestEntityTooLarge");
    assertStatus(http.get("/api/v1/namespaces/rest/configmaps/big"), 404, "NotFound");
    Http.Response invalid = http.post("/api/v1/namespaces/rest/pods",
        "{\"metadata\":{\"name\":\"Bad_Name\"},\"spec\":{\"containers\":[]}}");
    assertStatus(invalid, 422, "Invalid");
    assertThat(json(invalid).path("details").path("causes").size()).isPositive();
    assertStatus(http.get("/api/v1/namespaces/rest/pods?labelSelector=a%20in"), 400,
        "BadRequest");
    assertStatus(http.post("/api/v1/namespaces/rest/configmaps?dryRun=Some",
        "{\"metadata\":{\"name\":\"dr\"}}"), 400, "BadRequest");
  }

  @Test
  void dryRunAndDeleteCollection() {
    Http.Response dry = http.post("/api/v1/namespaces/rest/configmaps?dryRun=All",
        "{\"metadata\":{\"name\":\"dry\"}}");
    assertThat(dry.code()).isEqualTo(201);
    assertStatus(http.get("/api/v1/namespaces/rest/configmaps/dry"), 404, "NotFound");
    for (int i = 0; i < 3; i++) {
      http.post("/api/v1/namespaces/rest/configmaps", "{\"metadata\":{\"name\":\"dc" + i
          + "\",\"labels\":{\"batch\":\"x\"}}}");
    }
    http.post("/api/v1/namespaces/rest/configmaps", "{\"metadata\":{\"name\":\"keep\"}}");
    Http.Response dc = http.delete("/api/v1/namespaces/rest/configmaps?labelSelector=batch%3Dx");
    assertThat(dc.code()).isEqualTo(200);
    assertThat(json(dc).path("items").size()).isEqualTo(3);
    JsonNode left = json(http.get("/api/v1/namespaces/rest/configmaps"));
    assertThat(left.path("items").size()).isEqualTo(1);
  }

  @Test
  void bindingSetsTheNodeOnce() {
    http.post("/api/v1/namespaces/rest/pods", POD.formatted("tobind"));
    String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":"
        + "\"tobind\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"%s\"}}";
    assertThat(http.post("/api/v1/namespaces/rest/pods/tobind/binding",
        binding.formatted("n1")).code()).isEqualTo(201);
    JsonNode bound = json(http.get("/api/v1/namespaces/rest/pods/tobind"));
    assertThat(bound.at("/spec/nodeName").asText()).isEqualTo("n1");
    // A binding is not a spec change by the user: Kubernetes writes it without the pod
    // strategy, and metadata.generation stays where the create put it.
    assertThat(bound.at("/metadata/generation").asLong()).isEqualTo(1);
    assertStatus(http.post("/api/v1/namespaces/rest/pods/tobind/binding",
        binding.formatted("n2")), 409, "Conflict");
    // The bindings collection (what typed clients such as fabric8 post to) does the same.
    http.post("/api/v1/namespaces/rest/pods", POD.formatted("tobind2"));
    assertThat(http.post("/api/v1/namespaces/rest/bindings",
        binding.formatted("n3").replace("tobind", "tobind2")).code()).isEqualTo(201);
    assertThat(json(http.get("/api/v1/namespaces/rest/pods/tobind2")).at("/spec/nodeName")
        .asText()).isEqualTo("n3");
    assertStatus(http.post("/api/v1/namespaces/rest/bindings",
        binding.formatted("n4").replace("tobind", "tobind2")), 409, "Conflict");
  }

  @Test
  void statusSubresourceChangesOnlyStatus() {
    http.post("/api/v1/namespaces/rest/pods", POD.formatted("st"));
    Http.Response r = http.patch("/api/v1/namespaces/rest/pods/st/status",
        "application/merge-patch+json",
        "{\"status\":{\"phase\":\"Running\"},\"spec\":{\"nodeName\":\"sneaky\"}}");
    assertThat(r.code()).isEqualTo(200);
    JsonNode pod = json(http.get("/api/v1/namespaces/rest/pods/st"));
    assertThat(pod.at("/status/phase").asText()).isEqualTo("Running");
    assertThat(pod.at("/spec/nodeName").isMissingNode()).isTrue();
    // And the main resource does not change status.
    http.patch("/api/v1/namespaces/rest/pods/st", "application/merge-patch+json",
        "{\"status\":{\"phase\":\"Failed\"}}");
    assertThat(json(http.get("/api/v1/namespaces/rest/pods/st")).at("/status/phase").asText())
        .isEqualTo("Running");
  }

  @Test
  void watchStreamsEventsAsJsonLines() throws Exception {
    String rv = json(http.get("/api/v1/namespaces/rest/configmaps")).at("/metadata/resourceVersion")
        .asText();
    HttpURLConnection c = (HttpURLConnection) URI.create(f.url()
        + "/api/v1/namespaces/rest/configmaps?watch=true&timeoutSeconds=10&resourceVersion=" + rv)
        .toURL().openConnection();
    c.setReadTimeout(15_000);
    assertThat(c.getResponseCode()).isEqualTo(200);
    http.post("/api/v1/namespaces/rest/configmaps", "{\"metadata\":{\"name\":\"w1\"}}");
    http.patch("/api/v1/namespaces/rest/configmaps/w1", "application/merge-patch+json",
        "{\"data\":{\"a\":\"b\"}}");
    http.delete("/api/v1/namespaces/rest/configmaps/w1");
    List<String> types = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while (types.size() < 3 && (line = in.readLine()) != null) {
        JsonNode e = Json.MAPPER.readTree(line);
        if (e.at("/object/metadata/name").asText().equals("w1")) {
          types.add(e.path("type").asText());
        }
      }
    } finally {
      c.disconnect();
    }
    assertThat(types).containsExactly("ADDED", "MODIFIED", "DELETED");
  }

  @Test
  void watchFromTooOldRevisionIs410() {
    String rv = http.post("/api/v1/namespaces/rest/configmaps", "{\"metadata\":{\"name\":"
        + "\"old\"}}").body().replaceAll(".*\"resourceVersion\":\"(\\d+)\".*", "$1");
    for (int i = 0; i < 25; i++) {
      http.patch("/api/v1/namespaces/rest/configmaps/old", "application/merge-patch+json",
          "{\"data\":{\"i\":\"" + i + "\"}}");
    }
    Http.Response r = http.get("/api/v1/namespaces/rest/configmaps?watch=true&timeoutSeconds=5"
        + "&resourceVersion=" + rv);
    assertStatus(r, 410, "Expired");
  }
}

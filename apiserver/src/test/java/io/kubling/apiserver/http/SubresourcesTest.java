package io.kubling.apiserver.http;

import static io.kubling.apiserver.http.RestApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** scale, eviction (with PodDisruptionBudgets), finalize and discovery of subresources. */
class SubresourcesTest {
  static ApiServerFixture f;
  static Http http;
  static final String RS = """
      {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%s"},
       "spec":{"replicas":1,"selector":{"matchLabels":{"app":"%s"}},
       "template":{"metadata":{"labels":{"app":"%s"}},
       "spec":{"containers":[{"name":"c","image":"busybox"}]}}}}""";

  @BeforeAll
  static void up() {
    f = new ApiServerFixture();
    http = new Http(f.url());
    http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"sub\"}}");
  }

  @AfterAll
  static void down() {
    f.close();
  }

  @Test
  void finalizeRemovesTheNamespaceFinalizerAndATerminatingNamespaceThenGoes() {
    http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"fin\"}}");
    JsonNode ns = json(http.get("/api/v1/namespaces/fin"));
    assertThat(ns.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
    // An ordinary update cannot drop the finalizer; only finalize can.
    String noFinalizers = ns.toString().replace("\"finalizers\":[\"kubernetes\"]",
        "\"finalizers\":[]");
    assertThat(json(http.put("/api/v1/namespaces/fin", noFinalizers))
        .at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");

    assertThat(http.delete("/api/v1/namespaces/fin").code()).isIn(200, 202);
    JsonNode terminating = json(http.get("/api/v1/namespaces/fin"));
    assertThat(terminating.at("/status/phase").asText()).isEqualTo("Terminating");
    String finalize = terminating.toString().replace("\"finalizers\":[\"kubernetes\"]",
        "\"finalizers\":[]");
    assertThat(http.put("/api/v1/namespaces/fin/finalize", finalize).code()).isEqualTo(200);
    assertThat(http.get("/api/v1/namespaces/fin").code()).isEqualTo(404);
  }

  @Test
  void scaleReadsAndWritesReplicas() {
    assertThat(http.post("/apis/apps/v1/namespaces/sub/replicasets", RS.formatted("r", "r", "r"))
        .code()).isEqualTo(201);
    JsonNode scale = json(http.get("/apis/apps/v1/namespaces/sub/replicasets/r/scale"));
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(scale.at("/status/selector").asText()).isEqualTo("app=r");

    Http.Response patched = http.patch("/apis/apps/v1/namespaces/sub/replicasets/r/scale",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");
    assertThat(json(patched).at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(json(http.get("/apis/apps/v1/namespaces/sub/replicasets/r")).at("/spec/replicas")
        .asInt()).isEqualTo(3);

    String stale = scale.toString().replace("\"replicas\":1", "\"replicas\":5");
    assertThat(http.put("/apis/apps/v1/namespaces/sub/replicasets/r/scale", stale).code())
        .isEqualTo(409);
    JsonNode fresh = json(http.get("/apis/apps/v1/namespaces/sub/replicasets/r/scale"));
    String put = fresh.toString().replace("\"spec\":{\"replicas\":3}",
        "\"spec\":{\"replicas\":0}");
    assertThat(json(http.put("/apis/apps/v1/namespaces/sub/replicasets/r/scale", put))
        .at("/spec/replicas").asInt()).isEqualTo(0);
    assertThat(http.patch("/apis/apps/v1/namespaces/sub/replicasets/r/scale",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}").code()).isEqualTo(422);
    assertThat(http.get("/api/v1/namespaces/sub/pods/x/scale").code()).isEqualTo(404);
  }

  @Test
  void evictionHonoursDisruptionBudgets() {
    String pod = "{\"metadata\":{\"name\":\"%s\",\"labels\":{\"app\":\"db\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"redis\"}]}}";
    String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\","
        + "\"metadata\":{\"name\":\"%s\",\"namespace\":\"sub\"}}";
    for (String p : new String[] {"db-0", "db-1", "loose"}) {
      http.post("/api/v1/namespaces/sub/pods", pod.formatted(p));
      http.patch("/api/v1/namespaces/sub/pods/" + p + "/status", "application/merge-patch+json",
          "{\"status\":{\"phase\":\"Running\"}}");
    }
    http.patch("/api/v1/namespaces/sub/pods/loose", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"app\":\"other\"}}}");
    assertThat(http.post("/apis/policy/v1/namespaces/sub/poddisruptionbudgets",
        "{\"metadata\":{\"name\":\"db\"},\"spec\":{\"minAvailable\":1,"
            + "\"selector\":{\"matchLabels\":{\"app\":\"db\"}}}}").code()).isEqualTo(201);

    // No budget covers it: evicted at once.
    assertThat(http.post("/api/v1/namespaces/sub/pods/loose/eviction",
        eviction.formatted("loose")).code()).isEqualTo(201);
    assertThat(http.get("/api/v1/namespaces/sub/pods/loose").code()).isEqualTo(404);

    // The budget has not been processed by a disruption controller: 429, drain retries.
    Http.Response blocked = http.post("/api/v1/namespaces/sub/pods/db-0/eviction",
        eviction.formatted("db-0"));
    assertThat(blocked.code()).isEqualTo(429);
    assertThat(json(blocked).path("reason").asText()).isEqualTo("TooManyRequests");
    assertThat(json(blocked).path("message").asText())
        .startsWith("Cannot evict pod as it would violate the pod's disruption budget.");

    // One disruption allowed: the first eviction spends it, the second is refused.
    http.patch("/apis/policy/v1/namespaces/sub/poddisruptionbudgets/db/status",
        "application/merge-patch+json", "{\"status\":{\"observedGeneration\":1,"
            + "\"disruptionsAllowed\":1,\"currentHealthy\":2,\"desiredHealthy\":1}}");
    assertThat(http.post("/api/v1/namespaces/sub/pods/db-0/eviction",
        eviction.formatted("db-0")).code()).isEqualTo(201);
    assertThat(http.get("/api/v1/namespaces/sub/pods/db-0").code()).isEqualTo(404);
    assertThat(json(http.get("/apis/policy/v1/namespaces/sub/poddisruptionbudgets/db"))
        .at("/status/disruptionsAllowed").asInt()).isZero();
    assertThat(http.post("/api/v1/namespaces/sub/pods/db-1/eviction",
        eviction.formatted("db-1")).code()).isEqualTo(429);
    assertThat(http.get("/api/v1/namespaces/sub/pods/db-1").code()).isEqualTo(200);
  }

  @Test
  void discoveryAdvertisesSubresourcesBothWays() {
    JsonNode core = json(http.get("/api/v1"));
    JsonNode evictionEntry = null;
    for (JsonNode r : core.path("resources")) {
      if (r.path("name").asText().equals("pods/eviction")) {
        evictionEntry = r;
      }
    }
    assertThat(evictionEntry).isNotNull();
    assertThat(evictionEntry.path("group").asText()).isEqualTo("policy");
    assertThat(evictionEntry.path("kind").asText()).isEqualTo("Eviction");

    Http.Response aggregated = http.send(HttpRequest.newBuilder(URI.create(f.url() + "/apis"))
        .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json").GET());
    JsonNode list = json(aggregated);
    assertThat(list.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
    JsonNode deployments = null;
    for (JsonNode g : list.path("items")) {
      for (JsonNode r : g.at("/versions/0/resources")) {
        assertThat(r.has("responseKind")).as(r.toString()).isTrue();
        if (r.path("resource").asText().equals("deployments")) {
          deployments = r;
        }
      }
    }
    assertThat(deployments).isNotNull();
    assertThat(deployments.path("shortNames").toString()).contains("deploy");
    assertThat(deployments.path("categories").toString()).contains("all");
    assertThat(deployments.path("subresources").toString())
        .contains("\"subresource\":\"scale\"", "\"kind\":\"Scale\"");
  }
}

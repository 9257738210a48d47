package io.kubling.apiserver.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.Http;
import io.kubling.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two API servers over one etcd, 200 service creates at once split between them: no
 * ClusterIP or NodePort is ever handed out twice, and every claim matches a service.
 */
class ConcurrentAllocationTest {

  @Test
  void twoApiServersNeverHandOutTheSameIpOrPort() throws Exception {
    // Small ranges make collisions between the two servers certain, not just possible.
    try (ApiServerFixture f = new ApiServerFixture(o -> narrow(o));
        ApiServer second = ApiServerFixture.startServer(narrow(f.options()).withPort(0))) {
      Http a = new Http(f.url());
      Http b = new Http(second.url());
      a.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"alloc\"}}");
      ExecutorService pool = Executors.newFixedThreadPool(32);
      List<Future<Http.Response>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Http via = i % 2 == 0 ? a : b;
        String type = i % 2 == 0 ? "NodePort" : "ClusterIP";
        String body = "{\"metadata\":{\"name\":\"s" + i + "\"},\"spec\":{\"type\":\"" + type
            + "\",\"selector\":{\"app\":\"x\"},\"ports\":[{\"port\":80}]}}";
        results.add(pool.submit(() -> via.post("/api/v1/namespaces/alloc/services", body)));
      }
      for (Future<Http.Response> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS).code()).isEqualTo(201);
      }
      pool.shutdown();

      JsonNode list = Json.MAPPER.readTree(
          a.get("/api/v1/namespaces/alloc/services").body().getBytes(StandardCharsets.UTF_8));
      Set<String> ips = new HashSet<>();
      Set<Integer> ports = new HashSet<>();
      int nodePorts = 0;
      for (JsonNode svc : list.path("items")) {
        String ip = svc.path("spec").path("clusterIP").asText();
        assertThat(ips.add(ip)).as("ClusterIP %s handed out twice", ip).isTrue();
        assertThat(Ipv4Range.parse("10.96.0.0/24").contains(ip)).isTrue();
        for (JsonNode p : svc.path("spec").path("ports")) {
          if (p.has("nodePort")) {
            nodePorts++;
            assertThat(ports.add(p.path("nodePort").asInt())).as("NodePort handed out twice")
                .isTrue();
          }
        }
      }
      assertThat(ips).hasSize(200).doesNotContain("10.96.0.1");
      assertThat(nodePorts).isEqualTo(100);

      // Deleting releases: a new service can take the freed values.
      for (int i = 0; i < 200; i += 2) {
        assertThat(a.delete("/api/v1/namespaces/alloc/services/s" + i).code()).isEqualTo(200);
      }
      for (int i = 0; i < 100; i++) {
        assertThat(b.post("/api/v1/namespaces/alloc/services", "{\"metadata\":{\"name\":\"t"
            + i + "\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}}").code())
            .isEqualTo(201);
      }
    }
  }

  @Test
  void requestedValuesAreCheckedAndReserved() throws Exception {
    try (ApiServerFixture f = new ApiServerFixture(o -> narrow(o))) {
      Http h = new Http(f.url());
      String svc = "{\"metadata\":{\"name\":\"%s\"},\"spec\":{\"type\":\"NodePort\","
          + "\"clusterIP\":\"%s\",\"ports\":[{\"port\":80,\"nodePort\":%d}]}}";
      assertThat(h.post("/api/v1/namespaces/default/services",
          svc.formatted("one", "10.96.0.10", 30010)).code()).isEqualTo(201);
      Http.Response ipTaken = h.post("/api/v1/namespaces/default/services",
          svc.formatted("two", "10.96.0.10", 30011));
      assertThat(ipTaken.code()).isEqualTo(422);
      assertThat(ipTaken.body()).contains("provided IP is already allocated");
      Http.Response portTaken = h.post("/api/v1/namespaces/default/services",
          svc.formatted("three", "10.96.0.11", 30010));
      assertThat(portTaken.code()).isEqualTo(422);
      assertThat(portTaken.body()).contains("provided port is already allocated");
      Http.Response outside = h.post("/api/v1/namespaces/default/services",
          svc.formatted("four", "10.97.0.1", 30012));
      assertThat(outside.code()).isEqualTo(422);
      assertThat(outside.body()).contains("provided IP is not in the valid range");
      Http.Response badPort = h.post("/api/v1/namespaces/default/services",
          svc.formatted("five", "10.96.0.12", 31000));
      assertThat(badPort.code()).isEqualTo(422);
      assertThat(badPort.body()).contains("provided port is not in the valid range");
      // None of the refused creates reserved anything.
      assertThat(h.post("/api/v1/namespaces/default/services",
          svc.formatted("six", "10.96.0.11", 30011)).code()).isEqualTo(201);
    }
  }

  private static ApiServerOptions narrow(ApiServerOptions o) {
    return o.withRanges("10.96.0.0/24", "30000-30399");
  }
}

package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndpointsIntegrationTest {
  static ControlPlane cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ControlPlane();
    cluster.startManager();
    cluster.nodes.join("node-a");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  Endpoints endpoints(String name) {
    return cluster.client.endpoints().inNamespace("default").withName(name).get();
  }

  List<EndpointSlice> slices(String svc) {
    return cluster.client.discovery().v1().endpointSlices().inNamespace("default")
        .withLabel("kubernetes.io/service-name", svc).list().getItems();
  }

  @Test
  void kubernetesServicePointsAtTheApiServer() {
    URI url = URI.create(cluster.url());
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Endpoints e = endpoints("kubernetes");
      assertThat(e).isNotNull();
      assertThat(e.getSubsets().get(0).getAddresses().get(0).getIp())
          .isEqualTo(io.kubling.controllers.endpoints.ApiServerAddress.fromUrl(cluster.url()).ip());
      assertThat(e.getSubsets().get(0).getPorts().get(0).getPort()).isEqualTo(url.getPort());
    });
  }

  @Test
  void selectorServiceFollowsItsPodsWithNamedTargetPort() {
    ReplicaSet rs = Workloads.replicaSet("api", 2);
    rs.getSpec().getTemplate().getSpec().getContainers().get(0)
        .setPorts(List.of(new ContainerPortBuilder().withName("http").withContainerPort(8080).build()));
    cluster.client.apps().replicaSets().inNamespace("default").resource(rs).create();
    cluster.client.services().inNamespace("default").resource(new ServiceBuilder()
        .withNewMetadata().withName("api").endMetadata().withNewSpec()
        .addToSelector("app", "api").addNewPort().withName("web").withPort(80)
        .withTargetPort(new IntOrString("http")).endPort().endSpec().build()).create();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Endpoints e = endpoints("api");
      assertThat(e).isNotNull();
      assertThat(e.getSubsets()).singleElement().satisfies(s -> {
        assertThat(s.getAddresses()).hasSize(2);
        assertThat(s.getPorts().get(0).getPort()).isEqualTo(8080);
      });
      assertThat(slices("api")).singleElement()
          .satisfies(s -> assertThat(s.getEndpoints()).hasSize(2));
    });
    List<String> ips = Workloads.running(cluster.client, "default", "api").stream()
        .map(p -> p.getStatus().getPodIP()).sorted().toList();
    assertThat(endpoints("api").getSubsets().get(0).getAddresses())
        .extracting(EndpointAddress::getIp).containsExactlyElementsOf(ips);
    // scale to one: the other address leaves
    cluster.client.apps().replicaSets().inNamespace("default").withName("api").scale(1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(endpoints("api").getSubsets().get(0).getAddresses()).hasSize(1));
    // stable: no write churn once converged
    String rv = endpoints("api").getMetadata().getResourceVersion();
    String sliceRv = slices("api").get(0).getMetadata().getResourceVersion();
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(endpoints("api").getMetadata().getResourceVersion()).isEqualTo(rv);
      assertThat(slices("api").get(0).getMetadata().getResourceVersion()).isEqualTo(sliceRv);
    });
    cluster.client.services().inNamespace("default").withName("api").delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(endpoints("api")).isNull();
      assertThat(slices("api")).isEmpty();
    });
  }
}

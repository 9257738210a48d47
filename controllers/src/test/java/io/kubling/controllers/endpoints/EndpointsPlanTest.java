package io.kubling.controllers.endpoints;

import static io.kubling.controllers.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointsPlanTest {

  static Service service(String targetPort) {
    IntOrString t = targetPort.matches("\\d+") ? new IntOrString(Integer.parseInt(targetPort))
        : new IntOrString(targetPort);
    return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns")
        .withUid("svc-uid").endMetadata().withNewSpec().withSelector(Map.of("app", "web"))
        .withPorts(new ServicePortBuilder().withName("http").withPort(80).withTargetPort(t)
            .withProtocol("TCP").build()).endSpec().build();
  }

  static Pod withPort(Pod p, String name, int port) {
    return new PodBuilder(p).editSpec().addNewContainer().withName("c")
        .withPorts(new ContainerPortBuilder().withName(name).withContainerPort(port).build())
        .endContainer().endSpec().build();
  }

  @ParameterizedTest(name = "targetPort {0}, pod port {1}:{2} -> {3}")
  @CsvSource({
      "8080, web, 9000, 8080",
      "web, web, 9000, 9000",
      "web, other, 9000, none",
  })
  void resolvesNamedTargetPortsPerPod(String target, String podPortName, int podPort,
      String want) {
    Service svc = service(target);
    Pod p = withPort(pod("p", Map.of("app", "web"), "ready", 1), podPortName, podPort);
    var got = EndpointsPlan.resolve(svc.getSpec().getPorts().get(0), p);
    assertThat(got.map(String::valueOf).orElse("none")).isEqualTo(want);
  }

  @Test
  void readyAndNotReadyPodsGoToTheirListsAndOthersAreLeftOut() {
    Service svc = service("web");
    Pod a = withPort(pod("a", Map.of("app", "web"), "ready", 2), "web", 9000);
    Pod b = withPort(pod("b", Map.of("app", "web"), "notready", 3), "web", 9000);
    b.getStatus().setPodIP("10.0.0.3");
    Pod c = withPort(pod("c", Map.of("app", "web"), "ready", 4), "web", 9001); // another port
    Pod other = withPort(pod("x", Map.of("app", "db"), "ready", 5), "web", 9000);
    Pod noIp = withPort(pod("y", Map.of("app", "web"), "pending", 6), "web", 9000);
    var subsets = EndpointsPlan.subsets(svc, List.of(c, b, a, other, noIp));
    assertThat(subsets).hasSize(2);
    assertThat(subsets.get(0).getPorts().get(0).getPort()).isEqualTo(9000);
    assertThat(subsets.get(0).getAddresses()).extracting(EndpointAddress::getIp)
        .containsExactly("10.0.0.2");
    assertThat(subsets.get(0).getNotReadyAddresses()).extracting(EndpointAddress::getIp)
        .containsExactly("10.0.0.3");
    assertThat(subsets.get(1).getPorts().get(0).getPort()).isEqualTo(9001);
    assertThat(subsets.get(0).getAddresses().get(0).getTargetRef().getName()).isEqualTo("a");
  }

  @Test
  void slicesMirrorTheSubsetsOnePerPortSet() {
    Service svc = service("web");
    Pod a = withPort(pod("a", Map.of("app", "web"), "ready", 2), "web", 9000);
    Pod b = withPort(pod("b", Map.of("app", "web"), "notready", 3), "web", 9000);
    b.getStatus().setPodIP("10.0.0.3");
    var slices = EndpointSlices.desired(svc, List.of(a, b));
    assertThat(slices).singleElement().satisfies(s -> {
      assertThat(s.getMetadata().getLabels()).containsEntry(EndpointSlices.SERVICE_NAME, "web");
      assertThat(s.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("svc-uid");
      assertThat(s.getEndpoints()).extracting(e -> e.getConditions().getReady())
          .containsExactly(true, false);
      assertThat(s.getPorts().get(0).getPort()).isEqualTo(9000);
    });
    assertThat(EndpointSlices.desired(svc, List.of())).singleElement()
        .satisfies(s -> assertThat(s.getEndpoints()).isEmpty());
  }

  @Test
  void apiServerAddressComesFromItsUrl() {
    assertThat(ApiServerAddress.fromUrl("https://10.1.2.3:6443"))
        .isEqualTo(new ApiServerAddress("10.1.2.3", 6443));
    ApiServerAddress local = ApiServerAddress.fromUrl("http://127.0.0.1:8080");
    if (local != null) { // loopback is advertised on a real interface, never as 127.x
      assertThat(local.ip()).doesNotStartWith("127.");
      assertThat(local.port()).isEqualTo(8080);
    }
    assertThat(ApiServerAddress.fromUrl("")).isNull();
  }
}

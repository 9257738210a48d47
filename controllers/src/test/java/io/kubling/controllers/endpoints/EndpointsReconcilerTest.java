package io.kubling.controllers.endpoints;

import static io.kubling.controllers.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointsReconcilerTest {

  /** A recording fake whose cache follows its own writes at once. */
  static final class RecordingApi implements EndpointsApi {
    final Map<String, Service> services = new HashMap<>();
    final List<Pod> pods = new ArrayList<>();
    final Map<String, Endpoints> endpoints = new HashMap<>();
    final Map<String, EndpointSlice> slices = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<Service> service(String namespace, String name) {
      return Optional.ofNullable(services.get(namespace + "/" + name));
    }

    @Override
    public List<Pod> pods(String namespace) {
      return pods;
    }

    @Override
    public Optional<Endpoints> endpoints(String namespace, String name) {
      return Optional.ofNullable(endpoints.get(namespace + "/" + name));
    }

    @Override
    public void createEndpoints(Endpoints e) {
      calls.add("create endpoints " + e.getMetadata().getName());
      endpoints.put(e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(), e);
    }

    @Override
    public void updateEndpoints(Endpoints e) {
      calls.add("update endpoints " + e.getMetadata().getName());
      endpoints.put(e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(), e);
    }

    @Override
    public void deleteEndpoints(String namespace, String name) {
      calls.add("delete endpoints " + name);
      endpoints.remove(namespace + "/" + name);
    }

    @Override
    public List<EndpointSlice> slices(String namespace, String service) {
      return new ArrayList<>(slices.values());
    }

    @Override
    public void createSlice(EndpointSlice s) {
      calls.add("create slice");
      slices.put(s.getMetadata().getName(), s);
    }

    @Override
    public void updateSlice(EndpointSlice s) {
      calls.add("update slice");
      slices.put(s.getMetadata().getName(), s);
    }

    @Override
    public void deleteSlice(String namespace, String name) {
      calls.add("delete slice");
      slices.remove(name);
    }
  }

  @Test
  void writesOnlyWhenTheAddressesChangeAndDeletesWithTheService() {
    RecordingApi api = new RecordingApi();
    EndpointsReconciler r = new EndpointsReconciler(api, null);
    EndpointSliceReconciler slices = new EndpointSliceReconciler(api);
    api.services.put("ns/web", EndpointsPlanTest.service("8080"));
    api.pods.add(pod("a", Map.of("app", "web"), "ready", 2));
    r.reconcile("ns/web");
    slices.reconcile("ns/web");
    r.reconcile("ns/web");
    slices.reconcile("ns/web");
    assertThat(api.calls).containsExactly("create endpoints web", "create slice");
    api.pods.add(pod("b", Map.of("app", "web"), "ready", 3));
    r.reconcile("ns/web");
    slices.reconcile("ns/web");
    assertThat(api.calls).endsWith("update endpoints web", "update slice");
    assertThat(api.endpoints.get("ns/web").getSubsets().get(0).getAddresses()).hasSize(2);
    api.services.clear();
    r.reconcile("ns/web");
    slices.reconcile("ns/web");
    assertThat(api.calls).endsWith("delete endpoints web", "delete slice");
  }

  @Test
  void kubernetesServicePointsAtTheApiServer() {
    RecordingApi api = new RecordingApi();
    api.services.put("default/kubernetes", new ServiceBuilder().withNewMetadata()
        .withName("kubernetes").withNamespace("default").endMetadata().withNewSpec().endSpec()
        .build());
    new EndpointsReconciler(api, new ApiServerAddress("127.0.0.1", 6443))
        .reconcile("default/kubernetes");
    var subset = api.endpoints.get("default/kubernetes").getSubsets().get(0);
    assertThat(subset.getAddresses().get(0).getIp()).isEqualTo("127.0.0.1");
    assertThat(subset.getPorts().get(0).getPort()).isEqualTo(6443);
  }

  @Test
  void servicesWithoutSelectorAreLeftToTheirOwners() {
    RecordingApi api = new RecordingApi();
    api.services.put("ns/ext", new ServiceBuilder().withNewMetadata().withName("ext")
        .withNamespace("ns").endMetadata().withNewSpec().endSpec().build());
    api.endpoints.put("ns/ext", new EndpointsBuilder().withNewMetadata().withName("ext")
        .endMetadata().build());
    new EndpointsReconciler(api, null).reconcile("ns/ext");
    assertThat(api.calls).isEmpty();
  }
}

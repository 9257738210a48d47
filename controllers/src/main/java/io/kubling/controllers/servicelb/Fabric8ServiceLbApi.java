package io.kubling.controllers.servicelb;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubling.controllers.Informers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ServiceLbApi} over the service informer and the services/status subresource. */
public final class Fabric8ServiceLbApi implements ServiceLbApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<Service> services;

  public Fabric8ServiceLbApi(KubernetesClient client, SharedIndexInformer<Service> services) {
    this.client = client;
    this.services = services;
  }

  @Override
  public Optional<Service> service(String key) {
    return Informers.get(services, key);
  }

  @Override
  public List<Service> services() {
    return services.getStore().list();
  }

  @Override
  public void setIngress(Service service, List<String> ips) {
    // Guarded by the resourceVersion: a service changed meanwhile is looked at afresh.
    Map<String, Object> patch = Map.of(
        "metadata", Map.of("resourceVersion", service.getMetadata().getResourceVersion()),
        "status", Map.of("loadBalancer", Map.of("ingress",
            ips.stream().map(ip -> Map.of("ip", ip)).toList())));
    client.services().inNamespace(service.getMetadata().getNamespace())
        .withName(service.getMetadata().getName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }
}

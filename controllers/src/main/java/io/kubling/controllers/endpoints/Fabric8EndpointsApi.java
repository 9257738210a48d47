package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.controllers.Informers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link EndpointsApi} over the service, pod, endpoints and slice informers. */
public final class Fabric8EndpointsApi implements EndpointsApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Endpoints> endpoints;
  private final SharedIndexInformer<EndpointSlice> slices;

  public Fabric8EndpointsApi(KubernetesClient client, Informers informers) {
    this.client = client;
    this.services = informers.services();
    this.pods = informers.pods();
    this.endpoints = informers.endpoints();
    this.slices = informers.endpointSlices();
  }

  @Override
  public Optional<Service> service(String namespace, String name) {
    return Informers.get(services, namespace + "/" + name);
  }

  @Override
  public List<Pod> pods(String namespace) {
    return Informers.inNamespace(pods, namespace);
  }

  @Override
  public Optional<Endpoints> endpoints(String namespace, String name) {
    return Informers.get(endpoints, namespace + "/" + name);
  }

  @Override
  public void createEndpoints(Endpoints e) {
    ignoring(409, () -> client.endpoints().inNamespace(e.getMetadata().getNamespace()).resource(e)
        .create());
  }

  @Override
  public void updateEndpoints(Endpoints e) {
    ignoring(404, () -> client.endpoints().inNamespace(e.getMetadata().getNamespace()).resource(e)
        .update());
  }

  @Override
  public void deleteEndpoints(String namespace, String name) {
    client.endpoints().inNamespace(namespace).withName(name).delete();
  }

  @Override
  public List<EndpointSlice> slices(String namespace, String service) {
    return Informers.inNamespace(slices, namespace).stream().filter(s -> {
      Map<String, String> l = s.getMetadata().getLabels();
      return l != null && service.equals(l.get(EndpointSlices.SERVICE_NAME))
          && EndpointSlices.CONTROLLER.equals(l.get(EndpointSlices.MANAGED_BY));
    }).toList();
  }

  @Override
  public void createSlice(EndpointSlice s) {
    ignoring(409, () -> client.discovery().v1().endpointSlices()
        .inNamespace(s.getMetadata().getNamespace()).resource(s).create());
  }

  @Override
  public void updateSlice(EndpointSlice s) {
    ignoring(404, () -> client.discovery().v1().endpointSlices()
        .inNamespace(s.getMetadata().getNamespace()).resource(s).update());
  }

  @Override
  public void deleteSlice(String namespace, String name) {
    client.discovery().v1().endpointSlices().inNamespace(namespace).withName(name).delete();
  }

  // 409 on create: the cache lags and the next event brings the object for an update.
  private static void ignoring(int code, Runnable r) {
    try {
      r.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() != code) {
        throw e;
      }
    }
  }
}

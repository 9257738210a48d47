package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Optional;

/** What the Endpoints and EndpointSlice controllers read (caches) and write. */
public interface EndpointsApi {
  Optional<Service> service(String namespace, String name);

  List<Pod> pods(String namespace);

  Optional<Endpoints> endpoints(String namespace, String name);

  void createEndpoints(Endpoints endpoints);

  /** Replaces subsets, guarded by the resourceVersion of the given object. */
  void updateEndpoints(Endpoints endpoints);

  void deleteEndpoints(String namespace, String name);

  /** The slices this controller manages for a service. */
  List<EndpointSlice> slices(String namespace, String service);

  void createSlice(EndpointSlice slice);

  void updateSlice(EndpointSlice slice);

  void deleteSlice(String namespace, String name);
}

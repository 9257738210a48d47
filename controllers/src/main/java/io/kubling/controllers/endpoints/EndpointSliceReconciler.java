package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Keeps each selector Service's EndpointSlices equal to the desired ones; removes them with it. */
public final class EndpointSliceReconciler implements Reconciler {
  private final EndpointsApi api;

  public EndpointSliceReconciler(EndpointsApi api) {
    this.api = api;
  }

  @Override
  public Result reconcile(String key) {
    String[] k = key.split("/", 2);
    Optional<Service> svc = api.service(k[0], k[1]);
    List<EndpointSlice> have = api.slices(k[0], k[1]);
    List<EndpointSlice> want = svc.filter(EndpointsPlan::selects)
        .map(s -> EndpointSlices.desired(s, api.pods(k[0]))).orElse(List.of());
    Map<String, EndpointSlice> byName = have.stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));
    for (EndpointSlice w : want) {
      EndpointSlice h = byName.remove(w.getMetadata().getName());
      if (h == null) {
        api.createSlice(w);
      } else if (!EndpointSlices.same(h, w)) {
        api.updateSlice(new EndpointSliceBuilder(w).editMetadata()
            .withResourceVersion(h.getMetadata().getResourceVersion()).endMetadata().build());
      }
    }
    byName.values().forEach(s -> api.deleteSlice(k[0], s.getMetadata().getName()));
    return Result.done();
  }
}

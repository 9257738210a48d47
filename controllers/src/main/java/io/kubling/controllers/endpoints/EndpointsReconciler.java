package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps each selector Service's Endpoints object equal to its pods' addresses, deletes it
 * with the Service, and points {@code default/kubernetes} at the API server.
 */
public final class EndpointsReconciler implements Reconciler {
  private final EndpointsApi api;
  private final ApiServerAddress apiServer;

  public EndpointsReconciler(EndpointsApi api, ApiServerAddress apiServer) {
    this.api = api;
    this.apiServer = apiServer;
  }

  @Override
  public Result reconcile(String key) {
    String[] k = key.split("/", 2);
    Optional<Service> svc = api.service(k[0], k[1]);
    Optional<Endpoints> existing = api.endpoints(k[0], k[1]);
    List<EndpointSubset> want;
    if (svc.isEmpty()) {
      if (existing.isPresent()) {
        api.deleteEndpoints(k[0], k[1]);
      }
      return Result.done();
    } else if (key.equals("default/kubernetes") && apiServer != null) {
      want = EndpointsPlan.apiServer(apiServer.ip(), apiServer.port());
    } else if (EndpointsPlan.selects(svc.get())) {
      want = EndpointsPlan.subsets(svc.get(), api.pods(k[0]));
    } else {
      return Result.done(); // without a selector, the user owns the Endpoints
    }
    if (existing.isEmpty()) {
      api.createEndpoints(new EndpointsBuilder().withNewMetadata().withName(k[1])
          .withNamespace(k[0]).withLabels(svc.get().getMetadata().getLabels()).endMetadata()
          .withSubsets(want).build());
    } else if (!Objects.equals(normalise(existing.get().getSubsets()), want)) {
      api.updateEndpoints(new EndpointsBuilder(existing.get()).withSubsets(want).build());
    }
    return Result.done();
  }

  private static List<EndpointSubset> normalise(List<EndpointSubset> s) {
    return s == null ? List.of() : s;
  }
}

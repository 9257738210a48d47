package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Informers;
import java.util.List;
import java.util.Map;

/** Wires the EndpointSlice controller: services, their slices, and pods → service keys. */
public final class EndpointSliceController {
  private EndpointSliceController() {}

  public static Controller create(ControllerContext ctx) {
    Informers inf = ctx.informers();
    SharedIndexInformer<Service> services = inf.services();
    return Controller.builder("endpointslice",
            new EndpointSliceReconciler(new Fabric8EndpointsApi(ctx.client(), inf)))
        .watch(services)
        .watch(inf.endpointSlices(), s -> {
          Map<String, String> l = s.getMetadata().getLabels();
          String svc = l == null ? null : l.get(EndpointSlices.SERVICE_NAME);
          return svc == null ? List.of() : List.of(s.getMetadata().getNamespace() + "/" + svc);
        })
        .watch(inf.pods(), p -> EndpointsController.servicesOf(p, services))
        .workers(ctx.options().workers("endpointslice"))
        .build();
  }
}

package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Informers;
import io.kubling.controllers.Owners;
import java.util.List;

/** Wires the Endpoints controller: services, their endpoints, and pods → service keys. */
public final class EndpointsController {
  private EndpointsController() {}

  public static Controller create(ControllerContext ctx) {
    Informers inf = ctx.informers();
    SharedIndexInformer<Service> services = inf.services();
    return Controller.builder("endpoint", new EndpointsReconciler(
            new Fabric8EndpointsApi(ctx.client(), inf),
            ApiServerAddress.fromUrl(ctx.options().apiServerUrl().isEmpty()
                ? ctx.client().getMasterUrl().toString() : ctx.options().apiServerUrl())))
        .watch(services)
        .watch(inf.endpoints())
        .watch(inf.pods(), p -> servicesOf(p, services))
        .workers(ctx.options().workers("endpoint"))
        .build();
  }

  /**
   * Every selector service in the pod's namespace: a pod whose labels changed must leave the
   * services it no longer matches, and the event carries only its new labels.
   */
  static List<String> servicesOf(Pod pod, SharedIndexInformer<Service> services) {
    return Informers.inNamespace(services, pod.getMetadata().getNamespace()).stream()
        .filter(EndpointsPlan::selects).map(Owners::key).toList();
  }
}

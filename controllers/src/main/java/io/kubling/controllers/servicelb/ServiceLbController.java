package io.kubling.controllers.servicelb;

import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;

/**
 * Wires the load-balancer IP allocator: service events → service keys, one worker. Without
 * --load-balancer-ip-range there is nothing to hand out and LoadBalancer services stay pending,
 * as on a cluster without a cloud; the controller then only watches.
 */
public final class ServiceLbController {
  private ServiceLbController() {}

  public static Controller create(ControllerContext ctx) {
    String range = ctx.options().loadBalancerIpRange();
    var services = ctx.informers().services();
    var reconciler = range.isEmpty()
        ? (io.kubling.component.controller.Reconciler) key ->
            io.kubling.component.controller.Result.done()
        : new ServiceLbReconciler(new Fabric8ServiceLbApi(ctx.client(), services),
            LoadBalancerIpRange.parse(range));
    return Controller.builder("servicelb", reconciler).watch(services).workers(1).build();
  }
}

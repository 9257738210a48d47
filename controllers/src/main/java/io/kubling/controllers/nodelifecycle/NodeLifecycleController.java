package io.kubling.controllers.nodelifecycle;

import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import java.time.Clock;
import java.util.List;

/** Wires node lifecycle: node and node-Lease events → node names. */
public final class NodeLifecycleController {
  private NodeLifecycleController() {}

  public static Controller create(ControllerContext ctx) {
    var o = ctx.options();
    return Controller.builder("nodelifecycle", new NodeLifecycleReconciler(
            new Fabric8NodeLifecycleApi(ctx.client(), ctx.informers()), Clock.systemUTC(),
            o.nodeMonitorGracePeriod(), o.nodeMonitorPeriod(), o.defaultTolerationSeconds()))
        .watch(ctx.informers().nodes(), n -> List.of(n.getMetadata().getName()))
        .watch(ctx.informers().nodeLeases(), l -> List.of(l.getMetadata().getName()))
        .watch(ctx.informers().pods(), p -> List.of())
        .workers(1)
        .build();
  }
}

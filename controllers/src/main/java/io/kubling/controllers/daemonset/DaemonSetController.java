package io.kubling.controllers.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Keys;
import io.kubling.controllers.Owners;
import io.kubling.controllers.replicaset.Expectations;
import java.time.Clock;
import java.util.List;

/**
 * Wires the DaemonSet controller: DaemonSets, their pods (to the owner), and nodes (to every
 * DaemonSet, since a node joining, leaving or changing labels and taints may concern any).
 */
public final class DaemonSetController {
  private DaemonSetController() {}

  public static Controller create(ControllerContext ctx) {
    SharedIndexInformer<DaemonSet> daemonSets = ctx.informers().daemonSets();
    Expectations expectations = new Expectations();
    return Controller.builder("daemonset", new DaemonSetReconciler(
            new Fabric8DaemonSetApi(ctx.client(), ctx.informers()), expectations,
            Clock.systemUTC()))
        .watch(daemonSets)
        .watch(ctx.informers().pods(), p -> {
          List<String> keys = Keys.controllerKey(p, "DaemonSet");
          keys.forEach(key -> expectations.observed(key, p));
          return keys;
        })
        .watch(ctx.informers().nodes(), n -> daemonSets.getStore().list().stream()
            .map(Owners::key).toList())
        .workers(ctx.options().workers("daemonset"))
        .build();
  }
}

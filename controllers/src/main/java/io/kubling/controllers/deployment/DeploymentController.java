package io.kubling.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Keys;
import java.time.Clock;

/** Wires the Deployment controller: Deployments and their ReplicaSets → deployment keys. */
public final class DeploymentController {
  private DeploymentController() {}

  public static Controller create(ControllerContext ctx) {
    SharedIndexInformer<Deployment> deployments = ctx.informers().deployments();
    SharedIndexInformer<ReplicaSet> replicaSets = ctx.informers().replicaSets();
    return Controller.builder("deployment", new DeploymentReconciler(
            new Fabric8DeploymentApi(ctx.client(), deployments, replicaSets), Clock.systemUTC()))
        .watch(deployments)
        .watch(replicaSets, rs -> Keys.controllerKey(rs, "Deployment"))
        .workers(ctx.options().workers("deployment"))
        .build();
  }
}

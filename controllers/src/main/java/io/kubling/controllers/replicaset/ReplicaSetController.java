package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Informers;
import io.kubling.controllers.Keys;
import io.kubling.controllers.Owners;
import io.kubling.controllers.Selectors;
import java.time.Clock;
import java.util.List;

/**
 * Wires the ReplicaSet controller: ReplicaSet events and pod events (to the pod's controller,
 * or for an orphan to every ReplicaSet that selects it) → namespace/name keys.
 */
public final class ReplicaSetController {
  public static final String KIND = "ReplicaSet";

  private ReplicaSetController() {}

  public static Controller create(ControllerContext ctx) {
    SharedIndexInformer<ReplicaSet> replicaSets = ctx.informers().replicaSets();
    SharedIndexInformer<Pod> pods = ctx.informers().pods();
    Expectations expectations = new Expectations();
    ReplicaSetReconciler reconciler = new ReplicaSetReconciler(
        new Fabric8ReplicaSetApi(ctx.client(), replicaSets, pods), expectations, ctx.writes(),
        Clock.systemUTC());
    return Controller.builder("replicaset", reconciler)
        .watch(replicaSets)
        .watch(pods, pod -> podKeys(pod, replicaSets, expectations))
        .workers(ctx.options().workers("replicaset"))
        .build();
  }

  static List<String> podKeys(Pod pod, SharedIndexInformer<ReplicaSet> replicaSets,
      Expectations expectations) {
    if (Owners.controllerOf(pod).isPresent()) {
      List<String> keys = Keys.controllerKey(pod, KIND);
      keys.forEach(k -> expectations.observed(k, pod));
      return keys;
    }
    return Informers.inNamespace(replicaSets, pod.getMetadata().getNamespace()).stream()
        .filter(rs -> Selectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels()))
        .map(Owners::key).toList();
  }
}

package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Informers;
import io.kubling.controllers.Keys;
import io.kubling.controllers.Owners;
import io.kubling.controllers.Pods;
import io.kubling.controllers.Selectors;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
        .watch(pods, pod -> podKeys(pod, replicaSets, expectations),
            ReplicaSetController::podChangeMatters)
        .workers(ctx.options().workers("replicaset"))
        .build();
  }

  /**
   * Whether a pod update can change what its ReplicaSet decides or reports: selection and
   * ownership (labels, ownerReferences), being active (deletion, phase) and readiness. Its
   * binding and most status writes change none of these, so they cause no sync.
   */
  static boolean podChangeMatters(Pod old, Pod now) {
    ObjectMeta a = old.getMetadata();
    ObjectMeta b = now.getMetadata();
    return !Objects.equals(a.getLabels(), b.getLabels())
        || !Objects.equals(a.getOwnerReferences(), b.getOwnerReferences())
        || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
        || !Objects.equals(Pods.phase(old), Pods.phase(now))
        || !Objects.equals(readiness(old), readiness(now));
  }

  private static List<String> readiness(Pod p) {
    return Pods.readyCondition(p).map(c -> Arrays.asList(c.getStatus(), c.getLastTransitionTime()))
        .orElse(null);
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

package io.kubling.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches node heartbeats (their Leases): a node silent past the grace period gets
 * Ready=Unknown and the unreachable NoExecute taint, and its pods are evicted once their
 * toleration runs out; a node heard from again loses the taint. Heartbeats are timed on this
 * controller's own clock, when it sees a Lease renewal, so node clocks do not matter.
 */
public final class NodeLifecycleReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(NodeLifecycleReconciler.class);

  private record Observation(String renewTime, Instant at) {}

  private final NodeLifecycleApi api;
  private final Clock clock;
  private final Duration grace;
  private final Duration period;
  private final Duration defaultToleration;
  private final Map<String, Observation> seen = new ConcurrentHashMap<>();

  public NodeLifecycleReconciler(NodeLifecycleApi api, Clock clock, Duration grace,
      Duration period, Duration defaultToleration) {
    this.api = api;
    this.clock = clock;
    this.grace = grace;
    this.period = period;
    this.defaultToleration = defaultToleration;
  }

  @Override
  public Result reconcile(String name) {
    Optional<Node> found = api.node(name);
    if (found.isEmpty()) {
      seen.remove(name);
      return Result.done();
    }
    Node node = found.get();
    Instant now = clock.instant();
    String renew = api.lease(name).map(Lease::getSpec)
        .map(s -> s.getRenewTime() == null ? null : s.getRenewTime().toString()).orElse("");
    Observation o = seen.compute(name, (k, prev) -> prev == null || !prev.renewTime().equals(renew)
        ? new Observation(renew, now) : prev);
    boolean silent = NodeHealth.silent(o.at(), now, grace);
    List<Taint> current = node.getSpec() == null ? null : node.getSpec().getTaints();
    List<Taint> want = NodeHealth.taints(current, silent, now);
    if (!want.equals(current == null ? List.of() : current)) {
      api.setTaints(node, want);
      log.atInfo().addKeyValue("node", name).addKeyValue("unreachable", silent)
          .log(silent ? "node silent; tainted unreachable" : "node back; untainted");
    }
    if (!silent) {
      Duration left = Duration.between(now, o.at().plus(grace));
      return Result.requeueAfter(min(period, left.plusMillis(100)));
    }
    var conditions = node.getStatus() == null ? null : node.getStatus().getConditions();
    if (!NodeHealth.readyUnknown(conditions) || conditions.stream()
        .anyMatch(c -> !"Unknown".equals(c.getStatus()))) {
      api.setConditions(node, NodeHealth.unknownConditions(conditions, now));
    }
    Taint taint = NodeHealth.unreachableTaint(want).orElseThrow();
    Duration next = period;
    for (Pod p : api.podsOn(name)) {
      Optional<Instant> at = NodeHealth.evictAt(p, taint, defaultToleration);
      if (at.isEmpty()) {
        continue;
      }
      if (!at.get().isAfter(now)) {
        api.evict(p);
        log.atInfo().addKeyValue("node", name).addKeyValue("pod", p.getMetadata().getNamespace()
            + "/" + p.getMetadata().getName()).log("pod evicted from unreachable node");
      } else {
        next = min(next, Duration.between(now, at.get()).plusMillis(100));
      }
    }
    return Result.requeueAfter(next);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

package io.kubling.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import io.kubling.controllers.Owners;
import io.kubling.controllers.Pods;
import io.kubling.controllers.replicaset.Expectations;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one daemon pod on every eligible node, rolls template changes, writes the status. */
public final class DaemonSetReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(DaemonSetReconciler.class);
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final DaemonSetApi api;
  private final Expectations expectations;
  private final Clock clock;

  public DaemonSetReconciler(DaemonSetApi api, Expectations expectations, Clock clock) {
    this.api = api;
    this.expectations = expectations;
    this.clock = clock;
  }

  @Override
  public Result reconcile(String key) {
    String[] k = key.split("/", 2);
    Optional<DaemonSet> found = api.daemonSet(k[0], k[1]);
    if (found.isEmpty()) {
      expectations.forget(key);
      return Result.done();
    }
    DaemonSet ds = found.get();
    Instant now = clock.instant();
    List<Node> nodes = api.nodes();
    boolean satisfied = expectations.satisfied(key, n -> api.pod(k[0], n), now);
    List<Pod> pods = owned(ds);
    if (satisfied && ds.getMetadata().getDeletionTimestamp() == null) {
      DaemonSets.Plan plan = DaemonSets.plan(ds, nodes, pods, now);
      Set<String> nodeNames = nodes.stream().map(n -> n.getMetadata().getName())
          .collect(Collectors.toSet());
      List<String> names = plan.createOn().stream().map(n -> ds.getMetadata().getName() + "-"
          + suffix()).toList();
      List<String> deletes = plan.delete().stream().map(p -> p.getMetadata().getName()).toList();
      if (!names.isEmpty()) {
        expectations.expectCreations(key, names, now);
      } else if (!deletes.isEmpty()) {
        expectations.expectDeletions(key, deletes, now);
      }
      for (int i = 0; i < names.size(); i++) {
        try {
          api.createPod(DaemonSets.newPod(ds, plan.createOn().get(i), names.get(i)));
        } catch (RuntimeException e) {
          names.subList(i, names.size()).forEach(n -> expectations.creationFailed(key, n));
          throw e;
        }
      }
      if (names.isEmpty()) {
        for (Pod p : plan.delete()) {
          api.deletePod(p, !nodeNames.contains(Pods.nodeName(p)));
        }
      }
      if (!names.isEmpty() || !deletes.isEmpty()) {
        log.atInfo().addKeyValue("daemonset", key).addKeyValue("created", names.size())
            .addKeyValue("deleted", names.isEmpty() ? deletes.size() : 0).log("daemon pods synced");
        pods = owned(ds);
      }
    }
    DaemonSetStatus status = DaemonSets.status(ds, nodes, pods, now);
    if (!Objects.equals(ds.getStatus(), status)) {
      api.updateStatus(ds, status);
    }
    return Result.done();
  }

  private List<Pod> owned(DaemonSet ds) {
    return api.pods(ds.getMetadata().getNamespace()).stream()
        .filter(p -> Owners.isControlledBy(p, ds)).filter(Pods::isActive).toList();
  }

  private static String suffix() {
    StringBuilder s = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}

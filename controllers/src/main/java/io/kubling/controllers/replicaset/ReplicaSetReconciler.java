package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import io.kubling.controllers.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps spec.replicas pods for a ReplicaSet: adopts and releases, creates and deletes in
 * slow-start batches under {@link Expectations}, and writes the status.
 */
public final class ReplicaSetReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(ReplicaSetReconciler.class);
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final ReplicaSetApi api;
  private final Expectations expectations;
  private final Executor writes;
  private final Clock clock;

  /** {@code writes} runs one batch's creates and deletes in parallel. */
  public ReplicaSetReconciler(ReplicaSetApi api, Expectations expectations, Executor writes,
      Clock clock) {
    this.api = api;
    this.expectations = expectations;
    this.writes = writes;
    this.clock = clock;
  }

  @Override
  public Result reconcile(String key) {
    String[] nsName = key.split("/", 2);
    String ns = nsName[0];
    Optional<ReplicaSet> found = api.replicaSet(ns, nsName[1]);
    if (found.isEmpty()) {
      expectations.forget(key);
      return Result.done();
    }
    ReplicaSet rs = found.get();
    Instant now = clock.instant();
    boolean satisfied = expectations.satisfied(key, name -> api.pod(ns, name), now);
    // One read of the namespace's pods: what this RS claims is what it owns plus what it just
    // adopted (the cache may not show the adoption yet), as Kubernetes' ClaimPods returns.
    List<Pod> pods = api.pods(ns);
    List<Pod> claimed = new ArrayList<>(ReplicaSets.owned(rs, pods));
    if (rs.getMetadata().getDeletionTimestamp() == null) {
      for (Pod p : ReplicaSets.toAdopt(rs, pods)) {
        api.setOwnerReferences(p, ReplicaSets.adopted(p, rs));
        claimed.add(p);
      }
    }
    for (Pod p : ReplicaSets.toRelease(rs, pods)) {
      api.setOwnerReferences(p, ReplicaSets.released(p, rs));
    }
    List<Pod> active = claimed.stream().filter(Pods::isActive).toList();
    RuntimeException failure = null;
    if (satisfied && rs.getMetadata().getDeletionTimestamp() == null) {
      try {
        List<String> deleted = manageReplicas(key, rs, active, pods, now);
        // Pods just deleted no longer count, so the status never overstates availability.
        active = active.stream().filter(p -> !deleted.contains(p.getMetadata().getName()))
            .toList();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    ReplicaSetStatus status = ReplicaSets.status(rs, active, now);
    if (ReplicaSets.statusDiffers(rs.getStatus(), status)) {
      api.updateStatus(rs, status);
    }
    if (failure != null) {
      throw failure;
    }
    return availabilityRecheck(rs, active, status);
  }

  /** Creates or deletes pods; returns the names deleted. */
  private List<String> manageReplicas(String key, ReplicaSet rs, List<Pod> active,
      List<Pod> namespacePods, Instant now) {
    int diff = ReplicaSets.diff(rs, active.size());
    if (diff > 0) {
      Set<String> taken = new HashSet<>();
      namespacePods.forEach(p -> taken.add(p.getMetadata().getName()));
      List<String> names = ReplicaSets.newPodNames(rs.getMetadata().getName(), diff, taken,
          ReplicaSetReconciler::suffix);
      expectations.expectCreations(key, names, now);
      int done = 0;
      for (int batch : ReplicaSets.slowStartBatches(diff)) {
        List<String> these = names.subList(done, done + batch);
        done += batch;
        RuntimeException err = runAll(these, name -> api.createPod(ReplicaSets.newPod(rs, name)),
            name -> expectations.creationFailed(key, name));
        if (err != null) {
          // Skip the rest, as Kubernetes does: they would likely fail the same way.
          names.subList(done, names.size()).forEach(n -> expectations.creationFailed(key, n));
          throw err;
        }
      }
      log.atInfo().addKeyValue("replicaset", key).addKeyValue("created", diff).log("pods created");
      return List.of();
    } else if (diff < 0) {
      List<String> victims = ReplicaSets.podsToDelete(active, -diff).stream()
          .map(p -> p.getMetadata().getName()).toList();
      expectations.expectDeletions(key, victims, now);
      RuntimeException err = runAll(victims, name -> api.deletePod(rs.getMetadata().getNamespace(),
          name), name -> expectations.deletionFailed(key, name));
      if (err != null) {
        throw err;
      }
      log.atInfo().addKeyValue("replicaset", key).addKeyValue("deleted", -diff).log("pods deleted");
      return victims;
    }
    return List.of();
  }

  private RuntimeException runAll(List<String> names, java.util.function.Consumer<String> op,
      java.util.function.Consumer<String> onFailure) {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    RuntimeException[] first = new RuntimeException[1];
    for (String name : names) {
      futures.add(CompletableFuture.runAsync(() -> op.accept(name), writes).exceptionally(t -> {
        onFailure.accept(name);
        synchronized (first) {
          if (first[0] == null) {
            first[0] = t.getCause() instanceof RuntimeException r ? r : new RuntimeException(t);
          }
        }
        return null;
      }));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    return first[0];
  }

  // Pods that are ready but not yet available need another look once minReadySeconds passes.
  private Result availabilityRecheck(ReplicaSet rs, List<Pod> active, ReplicaSetStatus status) {
    Integer min = rs.getSpec().getMinReadySeconds();
    if (min != null && min > 0 && status.getReadyReplicas() > status.getAvailableReplicas()) {
      return Result.requeueAfter(Duration.ofSeconds(1));
    }
    return Result.done();
  }

  private static String suffix() {
    StringBuilder s = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      s.append(SUFFIX_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_ALPHABET.length())));
    }
    return s.toString();
  }
}

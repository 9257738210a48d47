package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory ReplicaSetApi that records every write; the "cache" changes only when told. */
final class RecordingReplicaSetApi implements ReplicaSetApi {
  final Map<String, ReplicaSet> replicaSets = new ConcurrentHashMap<>();
  final Map<String, Pod> pods = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<Pod> created = new CopyOnWriteArrayList<>();
  volatile int failCreatesAfter = Integer.MAX_VALUE;

  @Override
  public Optional<ReplicaSet> replicaSet(String namespace, String name) {
    return Optional.ofNullable(replicaSets.get(namespace + "/" + name));
  }

  @Override
  public List<Pod> pods(String namespace) {
    return new ArrayList<>(pods.values());
  }

  @Override
  public Pod pod(String namespace, String name) {
    return pods.get(name);
  }

  @Override
  public void createPod(Pod pod) {
    synchronized (this) {
      if (created.size() >= failCreatesAfter) {
        calls.add("create-failed " + pod.getMetadata().getName());
        throw new IllegalStateException("quota exceeded");
      }
      created.add(pod);
    }
    calls.add("create " + pod.getMetadata().getName());
  }

  @Override
  public void deletePod(String namespace, String name) {
    calls.add("delete " + name);
  }

  @Override
  public void setOwnerReferences(Pod pod, List<OwnerReference> refs) {
    calls.add((refs.size() > size(pod) ? "adopt " : "release ") + pod.getMetadata().getName());
    pods.put(pod.getMetadata().getName(),
        new PodBuilder(pod).editMetadata().withOwnerReferences(refs).endMetadata().build());
  }

  private static int size(Pod p) {
    return p.getMetadata().getOwnerReferences() == null ? 0
        : p.getMetadata().getOwnerReferences().size();
  }

  @Override
  public void updateStatus(ReplicaSet rs, ReplicaSetStatus status) {
    calls.add("status replicas=" + status.getReplicas() + " ready=" + status.getReadyReplicas());
  }

  /** The informer catches up: every created pod appears in the cache. */
  void observeCreates() {
    created.forEach(p -> pods.put(p.getMetadata().getName(), p));
  }

  long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }
}

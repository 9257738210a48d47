package io.kubling.controllers.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.controllers.Informers;
import io.kubling.controllers.OwnWrites;
import java.util.List;
import java.util.Optional;

/** {@link ReplicaSetApi} over the pod and ReplicaSet informers and the fabric8 client. */
public final class Fabric8ReplicaSetApi implements ReplicaSetApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final SharedIndexInformer<Pod> pods;
  private final OwnWrites<ReplicaSet> statusWrites = new OwnWrites<>();

  public Fabric8ReplicaSetApi(KubernetesClient client, SharedIndexInformer<ReplicaSet> replicaSets,
      SharedIndexInformer<Pod> pods) {
    this.client = client;
    this.replicaSets = replicaSets;
    this.pods = pods;
  }

  @Override
  public Optional<ReplicaSet> replicaSet(String namespace, String name) {
    String key = namespace + "/" + name;
    return Optional.ofNullable(statusWrites.freshest(key,
        Informers.get(replicaSets, key).orElse(null)));
  }

  @Override
  public List<Pod> pods(String namespace) {
    return Informers.inNamespace(pods, namespace);
  }

  @Override
  public Pod pod(String namespace, String name) {
    return pods.getStore().getByKey(namespace + "/" + name);
  }

  /** A create whose pod turns out to exist already as this set's own counts as done. */
  @Override
  public void createPod(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    try {
      client.pods().inNamespace(ns).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 || !ReplicaSets.sameController(
          client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get(), pod)) {
        throw e;
      }
    }
  }

  @Override
  public void deletePod(String namespace, String name) {
    client.pods().inNamespace(namespace).withName(name).delete();
  }

  @Override
  public void setOwnerReferences(Pod pod, List<OwnerReference> refs) {
    Pod copy = new PodBuilder(pod).editMetadata().withOwnerReferences(refs).endMetadata().build();
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).update();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e; // 409: the cache was stale; the worker retries with a fresh copy
      }
    }
  }

  /**
   * Writes the status over the version read; on a conflict reads the latest version once and
   * writes it there, as Kubernetes' updateReplicaSetStatus does (unless the latest already has
   * it), rather than failing the sync into a backoff. The answer stands in for the cached
   * object until the informer has it, so the next sync neither writes the same status again
   * nor conflicts with this write.
   */
  @Override
  public void updateStatus(ReplicaSet rs, ReplicaSetStatus status) {
    String ns = rs.getMetadata().getNamespace();
    String key = ns + "/" + rs.getMetadata().getName();
    try {
      write(key, rs, status);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return;
      }
      if (e.getCode() != 409) {
        throw e;
      }
      ReplicaSet latest = client.apps().replicaSets().inNamespace(ns)
          .withName(rs.getMetadata().getName()).get();
      if (latest == null || !rs.getMetadata().getUid().equals(latest.getMetadata().getUid())
          || !ReplicaSets.statusDiffers(latest.getStatus(), status)) {
        return;
      }
      try {
        write(key, latest, status); // a second conflict fails the sync: the worker retries
      } catch (KubernetesClientException again) {
        if (again.getCode() != 404) {
          throw again;
        }
      }
    }
  }

  private void write(String key, ReplicaSet rs, ReplicaSetStatus status) {
    ReplicaSet copy = new ReplicaSetBuilder(rs).withStatus(status).build();
    ReplicaSet written = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
        .resource(copy).updateStatus();
    statusWrites.wrote(key, rs.getMetadata().getResourceVersion(), written);
  }
}

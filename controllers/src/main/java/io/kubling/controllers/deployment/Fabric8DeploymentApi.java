package io.kubling.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubling.controllers.Informers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DeploymentApi} over the Deployment and ReplicaSet informers. */
public final class Fabric8DeploymentApi implements DeploymentApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<Deployment> deployments;
  private final SharedIndexInformer<ReplicaSet> replicaSets;

  public Fabric8DeploymentApi(KubernetesClient client, SharedIndexInformer<Deployment> deployments,
      SharedIndexInformer<ReplicaSet> replicaSets) {
    this.client = client;
    this.deployments = deployments;
    this.replicaSets = replicaSets;
  }

  @Override
  public Optional<Deployment> deployment(String namespace, String name) {
    return Informers.get(deployments, namespace + "/" + name);
  }

  @Override
  public List<ReplicaSet> replicaSets(String namespace) {
    return Informers.inNamespace(replicaSets, namespace);
  }

  @Override
  public boolean createReplicaSet(ReplicaSet rs) {
    try {
      client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs)
          .create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void updateReplicaSet(ReplicaSet rs, int replicas, Map<String, String> annotations) {
    Map<String, Object> patch = new HashMap<>();
    Map<String, Object> meta = new HashMap<>();
    // The resourceVersion guards against acting on a stale cache: 409 and the worker retries.
    meta.put("resourceVersion", rs.getMetadata().getResourceVersion());
    if (annotations != null) {
      meta.put("annotations", annotations);
    }
    patch.put("metadata", meta);
    patch.put("spec", Map.of("replicas", replicas));
    client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
        .withName(rs.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  @Override
  public void deleteReplicaSet(ReplicaSet rs) {
    client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
        .withName(rs.getMetadata().getName()).delete();
  }

  @Override
  public void annotateDeployment(Deployment d, Map<String, String> annotations) {
    Map<String, Object> patch = Map.of("metadata", Map.of("annotations", annotations));
    client.apps().deployments().inNamespace(d.getMetadata().getNamespace())
        .withName(d.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  @Override
  public void updateStatus(Deployment d, DeploymentStatus status) {
    Deployment copy = new DeploymentBuilder(d).withStatus(status).build();
    try {
      client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(copy)
          .updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}

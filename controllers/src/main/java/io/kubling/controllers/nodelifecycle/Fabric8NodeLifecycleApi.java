package io.kubling.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubling.controllers.Informers;
import io.kubling.controllers.Pods;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link NodeLifecycleApi} over the node, lease and pod informers. */
public final class Fabric8NodeLifecycleApi implements NodeLifecycleApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Lease> leases;
  private final SharedIndexInformer<Pod> pods;

  public Fabric8NodeLifecycleApi(KubernetesClient client, Informers informers) {
    this.client = client;
    this.nodes = informers.nodes();
    this.leases = informers.nodeLeases();
    this.pods = informers.pods();
  }

  @Override
  public Optional<Node> node(String name) {
    return Informers.get(nodes, name);
  }

  @Override
  public Optional<Lease> lease(String node) {
    return Informers.get(leases, "kube-node-lease/" + node);
  }

  @Override
  public List<Pod> podsOn(String node) {
    return pods.getStore().list().stream().filter(p -> node.equals(Pods.nodeName(p)))
        .filter(Pods::isActive).toList();
  }

  @Override
  public void setTaints(Node node, List<Taint> taints) {
    Map<String, Object> patch = Map.of(
        "metadata", Map.of("resourceVersion", node.getMetadata().getResourceVersion()),
        "spec", Map.of("taints", taints));
    client.nodes().withName(node.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  @Override
  public void setConditions(Node node, List<NodeCondition> conditions) {
    Node copy = new NodeBuilder(node).editOrNewStatus().withConditions(conditions).endStatus()
        .build();
    client.nodes().resource(copy).updateStatus();
  }

  @Override
  public void evict(Pod pod) {
    client.pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).delete();
  }
}

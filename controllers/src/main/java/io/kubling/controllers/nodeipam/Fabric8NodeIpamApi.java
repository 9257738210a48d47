package io.kubling.controllers.nodeipam;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubling.controllers.Informers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link NodeIpamApi} over the node informer. */
public final class Fabric8NodeIpamApi implements NodeIpamApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<Node> nodes;

  public Fabric8NodeIpamApi(KubernetesClient client, SharedIndexInformer<Node> nodes) {
    this.client = client;
    this.nodes = nodes;
  }

  @Override
  public Optional<Node> node(String name) {
    return Informers.get(nodes, name);
  }

  @Override
  public List<Node> nodes() {
    return nodes.getStore().list();
  }

  @Override
  public void setPodCidr(Node node, String cidr) {
    // Guarded by the resourceVersion: a node changed meanwhile is looked at afresh.
    Map<String, Object> patch = Map.of(
        "metadata", Map.of("resourceVersion", node.getMetadata().getResourceVersion()),
        "spec", Map.of("podCIDR", cidr, "podCIDRs", List.of(cidr)));
    client.nodes().withName(node.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }
}

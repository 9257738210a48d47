package io.kubling.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.controllers.Informers;
import java.util.List;
import java.util.Optional;

/** {@link DaemonSetApi} over the DaemonSet, node and pod informers. */
public final class Fabric8DaemonSetApi implements DaemonSetApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<DaemonSet> daemonSets;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Pod> pods;

  public Fabric8DaemonSetApi(KubernetesClient client, Informers informers) {
    this.client = client;
    this.daemonSets = informers.daemonSets();
    this.nodes = informers.nodes();
    this.pods = informers.pods();
  }

  @Override
  public Optional<DaemonSet> daemonSet(String namespace, String name) {
    return Informers.get(daemonSets, namespace + "/" + name);
  }

  @Override
  public List<Node> nodes() {
    return nodes.getStore().list();
  }

  @Override
  public List<Pod> pods(String namespace) {
    return Informers.inNamespace(pods, namespace);
  }

  @Override
  public Pod pod(String namespace, String name) {
    return pods.getStore().getByKey(namespace + "/" + name);
  }

  @Override
  public void createPod(Pod pod) {
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
  }

  @Override
  public void deletePod(Pod pod, boolean force) {
    var r = client.pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName());
    if (force) {
      r.withGracePeriod(0).delete();
    } else {
      r.delete();
    }
  }

  @Override
  public void updateStatus(DaemonSet ds, DaemonSetStatus status) {
    DaemonSet copy = new DaemonSetBuilder(ds).withStatus(status).build();
    try {
      client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(copy)
          .updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}

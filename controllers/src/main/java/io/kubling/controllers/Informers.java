package io.kubling.controllers;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared informers of one controller manager, one per resource type, created on first use
 * (not yet running) so that every controller reads the same caches. Each dependent type is
 * indexed by owner UID for the garbage collector.
 */
public final class Informers implements AutoCloseable {
  public static final String BY_OWNER = "ownerUid";
  public static final String BY_UID = "uid";

  private final KubernetesClient client;
  private final List<SharedIndexInformer<?>> all = new ArrayList<>();
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<ReplicaSet> replicaSets;
  private SharedIndexInformer<Deployment> deployments;
  private SharedIndexInformer<DaemonSet> daemonSets;
  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<Endpoints> endpoints;
  private SharedIndexInformer<EndpointSlice> endpointSlices;
  private SharedIndexInformer<Node> nodes;
  private SharedIndexInformer<Lease> leases;
  private SharedIndexInformer<Namespace> namespaces;
  private SharedIndexInformer<ServiceAccount> serviceAccounts;
  private SharedIndexInformer<ConfigMap> rootCaConfigMaps;

  public Informers(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  public synchronized SharedIndexInformer<Pod> pods() {
    return pods = make(pods, () -> client.pods().inAnyNamespace().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<ReplicaSet> replicaSets() {
    return replicaSets = make(replicaSets,
        () -> client.apps().replicaSets().inAnyNamespace().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<Deployment> deployments() {
    return deployments = make(deployments,
        () -> client.apps().deployments().inAnyNamespace().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<DaemonSet> daemonSets() {
    return daemonSets = make(daemonSets,
        () -> client.apps().daemonSets().inAnyNamespace().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<Service> services() {
    return services = make(services, () -> client.services().inAnyNamespace().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<Endpoints> endpoints() {
    return endpoints = make(endpoints,
        () -> client.endpoints().inAnyNamespace().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<EndpointSlice> endpointSlices() {
    return endpointSlices = make(endpointSlices,
        () -> client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<Node> nodes() {
    return nodes = make(nodes, () -> client.nodes().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<Lease> nodeLeases() {
    return leases = make(leases,
        () -> client.leases().inNamespace("kube-node-lease").runnableInformer(0));
  }

  public synchronized SharedIndexInformer<Namespace> namespaces() {
    return namespaces = make(namespaces, () -> client.namespaces().runnableInformer(0));
  }

  public synchronized SharedIndexInformer<ServiceAccount> serviceAccounts() {
    return serviceAccounts = make(serviceAccounts,
        () -> client.serviceAccounts().inAnyNamespace().runnableInformer(0));
  }

  /** Only the kube-root-ca.crt ConfigMaps: the publisher needs no other. */
  public synchronized SharedIndexInformer<ConfigMap> rootCaConfigMaps(String name) {
    return rootCaConfigMaps = make(rootCaConfigMaps, () -> client.configMaps().inAnyNamespace()
        .withField("metadata.name", name).runnableInformer(0));
  }

  /** The object under a namespace/name (or name) key in an informer's cache. */
  public static <T> Optional<T> get(SharedIndexInformer<T> informer, String key) {
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  /** The objects of one namespace in an informer's cache. */
  public static <T> List<T> inNamespace(SharedIndexInformer<T> informer, String namespace) {
    return informer.getIndexer().byIndex(io.fabric8.kubernetes.client.informers.cache.Cache
        .NAMESPACE_INDEX, namespace);
  }

  private <T extends HasMetadata> SharedIndexInformer<T> make(SharedIndexInformer<T> existing,
      Supplier<SharedIndexInformer<T>> create) {
    if (existing != null) {
      return existing;
    }
    SharedIndexInformer<T> informer = create.get();
    informer.addIndexers(Map.of(BY_OWNER, o -> o.getMetadata().getOwnerReferences() == null
        ? List.of()
        : o.getMetadata().getOwnerReferences().stream().map(r -> r.getUid()).toList(),
        BY_UID, o -> o.getMetadata().getUid() == null ? List.of() : List.of(o.getMetadata().getUid())));
    all.add(informer);
    return informer;
  }

  /** Every informer made so far, for the garbage collector and for stopping. */
  public synchronized List<SharedIndexInformer<?>> all() {
    return List.copyOf(all);
  }

  @Override
  public synchronized void close() {
    all.forEach(SharedIndexInformer::stop);
  }
}

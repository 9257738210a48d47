package io.kubling.apiserver.table;

import static java.util.Objects.requireNonNull;

import io.kubling.apiserver.registry.ResourceType;
import java.util.Map;

/** The table convertor of each resource, chosen by group and plural as kube-apiserver wires them. */
public final class TableConvertors {
  private static final Map<String, TableConvertor> BY_RESOURCE = Map.ofEntries(
      Map.entry("pods", PodConvertor.INSTANCE),
      Map.entry("nodes", NodeConvertor.INSTANCE),
      Map.entry("namespaces", NamespaceConvertor.INSTANCE),
      Map.entry("services", ServiceConvertor.INSTANCE),
      Map.entry("endpoints", EndpointsConvertor.INSTANCE),
      Map.entry("configmaps", ConfigMapConvertor.INSTANCE),
      Map.entry("secrets", SecretConvertor.INSTANCE),
      Map.entry("serviceaccounts", ServiceAccountConvertor.INSTANCE),
      Map.entry("events", EventConvertor.INSTANCE),
      Map.entry("replicasets.apps", ReplicaSetConvertor.INSTANCE),
      Map.entry("deployments.apps", DeploymentConvertor.INSTANCE),
      Map.entry("daemonsets.apps", DaemonSetConvertor.INSTANCE),
      Map.entry("leases.coordination.k8s.io", LeaseConvertor.INSTANCE),
      Map.entry("endpointslices.discovery.k8s.io", EndpointSliceConvertor.INSTANCE),
      Map.entry("rolebindings.rbac.authorization.k8s.io", RoleBindingConvertor.ROLE_BINDINGS),
      Map.entry("clusterrolebindings.rbac.authorization.k8s.io",
          RoleBindingConvertor.CLUSTER_ROLE_BINDINGS),
      Map.entry("poddisruptionbudgets.policy", PodDisruptionBudgetConvertor.INSTANCE),
      Map.entry("ingresses.networking.k8s.io", IngressConvertor.INSTANCE),
      Map.entry("ingressclasses.networking.k8s.io", IngressClassConvertor.INSTANCE));

  private TableConvertors() {}

  /**
   * The convertor for a resource; resources without printer columns (roles, clusterroles, and
   * any other) get the generic Name / Created At table, as in Kubernetes.
   */
  public static TableConvertor forType(ResourceType type) {
    requireNonNull(type, "type should not be null");
    return forResource(type.group(), type.plural());
  }

  /** The convertor for a group ("" for core) and plural, e.g. {@code ("apps", "deployments")}. */
  public static TableConvertor forResource(String group, String plural) {
    String key = group.isEmpty() ? plural : plural + "." + group;
    return BY_RESOURCE.getOrDefault(key, DefaultTableConvertor.INSTANCE);
  }

  /** The generic Name / Created At convertor. */
  public static TableConvertor defaultConvertor() {
    return DefaultTableConvertor.INSTANCE;
  }
}

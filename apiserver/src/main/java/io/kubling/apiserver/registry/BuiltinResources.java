package io.kubling.apiserver.registry;

import io.kubling.apiserver.strategy.ClusterRoleBindingStrategy;
import io.kubling.apiserver.strategy.ClusterRoleStrategy;
import io.kubling.apiserver.strategy.ConfigMapStrategy;
import io.kubling.apiserver.strategy.DaemonSetStrategy;
import io.kubling.apiserver.strategy.DeploymentStrategy;
import io.kubling.apiserver.strategy.EndpointSliceStrategy;
import io.kubling.apiserver.strategy.EndpointsStrategy;
import io.kubling.apiserver.strategy.EventStrategy;
import io.kubling.apiserver.strategy.IngressClassStrategy;
import io.kubling.apiserver.strategy.IngressStrategy;
import io.kubling.apiserver.strategy.LeaseStrategy;
import io.kubling.apiserver.strategy.NamespaceStrategy;
import io.kubling.apiserver.strategy.NodeStrategy;
import io.kubling.apiserver.strategy.PodStrategy;
import io.kubling.apiserver.strategy.PodDisruptionBudgetStrategy;
import io.kubling.apiserver.strategy.ReplicaSetStrategy;
import io.kubling.apiserver.strategy.RoleBindingStrategy;
import io.kubling.apiserver.strategy.RoleStrategy;
import io.kubling.apiserver.strategy.SecretStrategy;
import io.kubling.apiserver.strategy.ServiceAccountStrategy;
import io.kubling.apiserver.strategy.ServiceStrategy;
import io.kubling.apiserver.strategy.Strategy;
import java.util.List;
import java.util.Set;

/** The resources kubling serves, with the names, short names and categories Kubernetes gives them. */
public final class BuiltinResources {
  private BuiltinResources() {}

  private static final List<String> ALL = List.of("all");

  public static List<ResourceType> all() {
    return List.of(
        core("Namespace", "namespaces", false, List.of("ns"), List.of(), Set.of("status", "finalize"),
            Set.of("status.phase"), NamespaceStrategy.INSTANCE),
        core("Pod", "pods", true, List.of("po"), ALL,
            Set.of("status", "binding", "eviction", "log", "exec"),
            Set.of("spec.nodeName", "status.phase", "spec.restartPolicy", "spec.schedulerName",
                "spec.serviceAccountName", "status.podIP", "status.nominatedNodeName"),
            PodStrategy.INSTANCE),
        core("Node", "nodes", false, List.of("no"), List.of(), Set.of("status"),
            Set.of("spec.unschedulable"), NodeStrategy.INSTANCE),
        core("Service", "services", true, List.of("svc"), ALL, Set.of("status"),
            Set.of("spec.clusterIP", "spec.type"), ServiceStrategy.INSTANCE),
        core("Endpoints", "endpoints", true, List.of("ep"), List.of(), Set.of(), Set.of(),
            EndpointsStrategy.INSTANCE),
        core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), Set.of(), Set.of(),
            ConfigMapStrategy.INSTANCE),
        core("Secret", "secrets", true, List.of(), List.of(), Set.of(), Set.of("type"),
            SecretStrategy.INSTANCE),
        core("Event", "events", true, List.of("ev"), List.of(), Set.of(),
            Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                "involvedObject.uid", "involvedObject.apiVersion",
                "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                "reportingComponent", "source", "type"),
            EventStrategy.INSTANCE),
        core("ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(),
            Set.of("token"), Set.of(), ServiceAccountStrategy.INSTANCE),
        type("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), ALL,
            Set.of("status", "scale"), Set.of("status.replicas"), ReplicaSetStrategy.INSTANCE),
        type("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), ALL,
            Set.of("status", "scale"), Set.of(), DeploymentStrategy.INSTANCE),
        type("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), ALL, Set.of("status"),
            Set.of(), DaemonSetStrategy.INSTANCE),
        type("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true,
            List.of("pdb"), List.of(), Set.of("status"), Set.of(),
            PodDisruptionBudgetStrategy.INSTANCE),
        type("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), Set.of(),
            Set.of(), LeaseStrategy.INSTANCE),
        type("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(),
            List.of(), Set.of(), Set.of(), EndpointSliceStrategy.INSTANCE),
        type("networking.k8s.io", "v1", "Ingress", "ingresses", true, List.of("ing"), List.of(),
            Set.of("status"), Set.of(), IngressStrategy.INSTANCE),
        type("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, List.of(),
            List.of(), Set.of(), Set.of(), IngressClassStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "Role", "roles", true, List.of(), List.of(),
            Set.of(), Set.of(), RoleStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, List.of(),
            List.of(), Set.of(), Set.of(), RoleBindingStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, List.of(),
            List.of(), Set.of(), Set.of(), ClusterRoleStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings",
            false, List.of(), List.of(), Set.of(), Set.of(), ClusterRoleBindingStrategy.INSTANCE));
  }

  private static ResourceType core(String kind, String plural, boolean namespaced,
      List<String> shortNames, List<String> categories, Set<String> subresources,
      Set<String> fieldSelectors, Strategy strategy) {
    return type("", "v1", kind, plural, namespaced, shortNames, categories, subresources,
        fieldSelectors, strategy);
  }

  private static ResourceType type(String group, String version, String kind, String plural,
      boolean namespaced, List<String> shortNames, List<String> categories,
      Set<String> subresources, Set<String> fieldSelectors, Strategy strategy) {
    return new ResourceType(group, version, kind, plural, kind.toLowerCase(), namespaced,
        shortNames, categories, subresources, fieldSelectors, strategy);
  }
}

package io.kubling.apiserver.registry;

import io.kubling.apiserver.strategy.DefaultStrategy;
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
            Set.of("status.phase"), DefaultStrategy.INSTANCE),
        core("Pod", "pods", true, List.of("po"), ALL,
            Set.of("status", "binding", "eviction", "log", "exec"),
            Set.of("spec.nodeName", "status.phase", "spec.restartPolicy", "spec.schedulerName",
                "spec.serviceAccountName", "status.podIP", "status.nominatedNodeName"),
            DefaultStrategy.INSTANCE),
        core("Node", "nodes", false, List.of("no"), List.of(), Set.of("status"),
            Set.of("spec.unschedulable"), DefaultStrategy.INSTANCE),
        core("Service", "services", true, List.of("svc"), ALL, Set.of("status"),
            Set.of("spec.clusterIP", "spec.type"), DefaultStrategy.INSTANCE),
        core("Endpoints", "endpoints", true, List.of("ep"), List.of(), Set.of(), Set.of(),
            DefaultStrategy.INSTANCE),
        core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), Set.of(), Set.of(),
            DefaultStrategy.INSTANCE),
        core("Secret", "secrets", true, List.of(), List.of(), Set.of(), Set.of("type"),
            DefaultStrategy.INSTANCE),
        core("Event", "events", true, List.of("ev"), List.of(), Set.of(),
            Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                "involvedObject.uid", "involvedObject.apiVersion",
                "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                "reportingComponent", "source", "type"),
            DefaultStrategy.INSTANCE),
        core("ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), Set.of(),
            Set.of(), DefaultStrategy.INSTANCE),
        type("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), ALL,
            Set.of("status", "scale"), Set.of("status.replicas"), DefaultStrategy.INSTANCE),
        type("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), ALL,
            Set.of("status", "scale"), Set.of(), DefaultStrategy.INSTANCE),
        type("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), ALL, Set.of("status"),
            Set.of(), DefaultStrategy.INSTANCE),
        type("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), Set.of(),
            Set.of(), DefaultStrategy.INSTANCE),
        type("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(),
            List.of(), Set.of(), Set.of(), DefaultStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "Role", "roles", true, List.of(), List.of(),
            Set.of(), Set.of(), DefaultStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, List.of(),
            List.of(), Set.of(), Set.of(), DefaultStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, List.of(),
            List.of(), Set.of(), Set.of(), DefaultStrategy.INSTANCE),
        type("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings",
            false, List.of(), List.of(), Set.of(), Set.of(), DefaultStrategy.INSTANCE));
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

package io.kubling.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spot checks of the table against the k8s.io/api v0.32 struct tags. */
class BuiltinPatchMetaTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(nullValues = "-", value = {
      "Pod, spec.containers, MERGE, name, false",
      "Pod, spec.initContainers, MERGE, name, false",
      "Pod, spec.ephemeralContainers.env, MERGE, name, false",
      "Pod, spec.containers.ports, MERGE, containerPort, false",
      "Pod, spec.containers.volumeMounts, MERGE, mountPath, false",
      "Pod, spec.containers.volumeDevices, MERGE, devicePath, false",
      "Pod, spec.containers.envFrom, NONE, -, false",
      "Pod, spec.containers.resizePolicy, NONE, -, false",
      "Pod, spec.volumes, MERGE, name, true",
      "Pod, spec.imagePullSecrets, MERGE, name, false",
      "Pod, spec.hostAliases, MERGE, ip, false",
      "Pod, spec.topologySpreadConstraints, MERGE, topologyKey, false",
      "Pod, spec.schedulingGates, MERGE, name, false",
      "Pod, spec.resourceClaims, MERGE, name, true",
      "Pod, spec.tolerations, NONE, -, false",
      "Pod, spec.readinessGates, NONE, -, false",
      "Pod, status.conditions, MERGE, type, false",
      "Pod, status.podIPs, MERGE, ip, false",
      "Pod, status.hostIPs, MERGE, ip, false",
      "Pod, status.containerStatuses, NONE, -, false",
      "Pod, metadata.finalizers, MERGE, -, false",
      "Pod, metadata.ownerReferences, MERGE, uid, false",
      "Pod, metadata.managedFields, NONE, -, false",
      "Node, spec.taints, NONE, -, false",
      "Node, spec.podCIDRs, MERGE, -, false",
      "Node, status.conditions, MERGE, type, false",
      "Node, status.addresses, MERGE, type, false",
      "Service, spec.ports, MERGE, port, false",
      "Service, status.conditions, MERGE, type, false",
      "ServiceAccount, secrets, MERGE, name, false",
      "Namespace, spec.finalizers, NONE, -, false",
      "Namespace, status.conditions, MERGE, type, false",
      "Deployment, spec.strategy, NONE, -, true",
      "Deployment, spec.template.spec.containers.env, MERGE, name, false",
      "Deployment, spec.template.metadata.finalizers, MERGE, -, false",
      "Deployment, status.conditions, MERGE, type, false",
      "ReplicaSet, spec.template.spec.volumes, MERGE, name, true",
      "DaemonSet, spec.template.spec.containers, MERGE, name, false",
      "DaemonSet, status.conditions, MERGE, type, false",
      "PodDisruptionBudget, spec.selector, REPLACE, -, false",
      "Endpoints, subsets, NONE, -, false",
      "ClusterRole, rules, NONE, -, false",
      "RoleBinding, subjects, NONE, -, false",
      "Widget, metadata.finalizers, MERGE, -, false",
      "Widget, spec.containers, NONE, -, false"})
  void declares(String kind, String path, PatchMeta.Strategy strategy, String mergeKey,
      boolean retainKeys) {
    assertThat(BuiltinPatchMeta.lookup(kind, path))
        .isEqualTo(new PatchMeta(strategy, mergeKey, retainKeys));
  }
}

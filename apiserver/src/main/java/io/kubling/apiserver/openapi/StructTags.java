package io.kubling.apiserver.openapi;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the Go struct tags of k8s.io/api 1.32 say and protobuf does not: which fields are
 * inlined into their parent's JSON ({@code json:",inline"}), and the strategic-merge-patch
 * strategy and merge key of lists ({@code patchStrategy}, {@code patchMergeKey}). kubectl
 * apply reads the latter from the OpenAPI document to compute its patches.
 */
final class StructTags {
  /** Proto message full name + "." + proto field name of the inlined fields. */
  private static final Set<String> INLINE = Set.of(
      "k8s.io.api.core.v1.Volume.volumeSource",
      "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
      "k8s.io.api.core.v1.Probe.handler",
      "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon",
      "k8s.io.api.core.v1.SecretProjection.localObjectReference",
      "k8s.io.api.core.v1.ConfigMapVolumeSource.localObjectReference",
      "k8s.io.api.core.v1.ConfigMapProjection.localObjectReference",
      "k8s.io.api.core.v1.ConfigMapKeySelector.localObjectReference",
      "k8s.io.api.core.v1.SecretKeySelector.localObjectReference",
      "k8s.io.api.core.v1.ConfigMapEnvSource.localObjectReference",
      "k8s.io.api.core.v1.SecretEnvSource.localObjectReference",
      "k8s.io.api.networking.v1.IngressRule.ingressRuleValue");

  /** Message (short package) + field → strategy and merge key (may be empty). */
  private static final String PATCH = """
      apps.v1.DaemonSetStatus conditions merge type
      apps.v1.DeploymentSpec strategy retainKeys -
      apps.v1.DeploymentStatus conditions merge type
      apps.v1.ReplicaSetStatus conditions merge type
      apps.v1.StatefulSetStatus conditions merge type
      core.v1.ComponentStatus conditions merge type
      core.v1.Container env merge name
      core.v1.Container ports merge containerPort
      core.v1.Container volumeDevices merge devicePath
      core.v1.Container volumeMounts merge mountPath
      core.v1.ContainerStatus allocatedResourcesStatus merge name
      core.v1.ContainerStatus volumeMounts merge mountPath
      core.v1.EphemeralContainerCommon env merge name
      core.v1.EphemeralContainerCommon ports merge containerPort
      core.v1.EphemeralContainerCommon volumeDevices merge devicePath
      core.v1.EphemeralContainerCommon volumeMounts merge mountPath
      core.v1.NamespaceStatus conditions merge type
      core.v1.NodeSpec podCIDRs merge -
      core.v1.NodeStatus addresses merge type
      core.v1.NodeStatus conditions merge type
      core.v1.PersistentVolumeClaimStatus conditions merge type
      core.v1.PodSpec containers merge name
      core.v1.PodSpec ephemeralContainers merge name
      core.v1.PodSpec hostAliases merge ip
      core.v1.PodSpec imagePullSecrets merge name
      core.v1.PodSpec initContainers merge name
      core.v1.PodSpec resourceClaims merge,retainKeys name
      core.v1.PodSpec schedulingGates merge name
      core.v1.PodSpec topologySpreadConstraints merge topologyKey
      core.v1.PodSpec volumes merge,retainKeys name
      core.v1.PodStatus conditions merge type
      core.v1.PodStatus hostIPs merge ip
      core.v1.PodStatus podIPs merge ip
      core.v1.PodStatus resourceClaimStatuses merge,retainKeys name
      core.v1.ReplicationControllerStatus conditions merge type
      core.v1.ServiceAccount secrets merge name
      core.v1.ServiceSpec ports merge port
      core.v1.ServiceStatus conditions merge type
      policy.v1.PodDisruptionBudgetSpec selector replace -
      policy.v1.PodDisruptionBudgetStatus conditions merge type
      apimachinery.pkg.apis.meta.v1.ObjectMeta finalizers merge -
      apimachinery.pkg.apis.meta.v1.ObjectMeta ownerReferences merge uid
      """;

  record Patch(String strategy, String mergeKey) {}

  private static final Map<String, Patch> PATCHES = new HashMap<>();

  static {
    for (String line : PATCH.strip().split("\n")) {
      String[] p = line.trim().split(" ");
      String message = p[0].startsWith("apimachinery.") ? "k8s.io." + p[0] : "k8s.io.api." + p[0];
      PATCHES.put(message + "." + p[1], new Patch(p[2], p[3].equals("-") ? null : p[3]));
    }
  }

  private StructTags() {}

  static boolean inline(String message, String field) {
    return INLINE.contains(message + "." + field);
  }

  /** The patch strategy of a field, or null. */
  static Patch patch(String message, String field) {
    return PATCHES.get(message + "." + field);
  }
}

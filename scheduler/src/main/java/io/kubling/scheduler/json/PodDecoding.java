package io.kubling.scheduler.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * The scheduler's view of a pod as its client decodes it: fields no filter, score, handler or
 * writer of the scheduler reads are skipped while parsing (never built into fabric8 beans), on
 * every pod event and list. Only reading is affected: mix-ins allow getters, so anything this
 * client writes is serialised in full. ObjectMeta is narrowed only under a Pod, since the same
 * client reads and writes back Leases, whose metadata must round-trip whole.
 *
 * <p>Kept: metadata name, namespace, uid, labels, ownerReferences, deletionTimestamp and
 * resourceVersion; spec nodeName, schedulerName, priority, nodeSelector, affinity,
 * tolerations, hostNetwork, overhead, containers' and init containers' name, resources, ports
 * and restartPolicy; status phase and conditions.
 */
public final class PodDecoding {
  private PodDecoding() {}

  /** A module of mix-ins that skip what the scheduler never reads of a pod. */
  public static Module module() {
    SimpleModule m = new SimpleModule("kubling-scheduler-pods");
    m.setMixInAnnotation(Pod.class, PodView.class);
    m.setMixInAnnotation(PodSpec.class, PodSpecView.class);
    m.setMixInAnnotation(Container.class, ContainerView.class);
    m.setMixInAnnotation(PodStatus.class, PodStatusView.class);
    return m;
  }

  abstract static class PodView {
    @JsonProperty("metadata")
    @JsonIgnoreProperties(value = {"annotations", "managedFields", "creationTimestamp",
        "generation", "finalizers", "generateName", "selfLink",
        "deletionGracePeriodSeconds"}, allowGetters = true)
    private ObjectMeta metadata;
  }

  @JsonIgnoreProperties(value = {"volumes", "dnsPolicy", "dnsConfig", "restartPolicy",
      "securityContext", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
      "enableServiceLinks", "serviceAccountName", "serviceAccount",
      "automountServiceAccountToken", "imagePullSecrets", "hostAliases", "hostname", "subdomain",
      "ephemeralContainers", "readinessGates", "shareProcessNamespace", "setHostnameAsFQDN",
      "priorityClassName", "preemptionPolicy", "runtimeClassName", "hostPID", "hostIPC",
      "hostUsers"}, allowGetters = true)
  abstract static class PodSpecView {}

  @JsonIgnoreProperties(value = {"image", "imagePullPolicy", "command", "args", "workingDir",
      "env", "envFrom", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
      "startupProbe", "lifecycle", "securityContext", "terminationMessagePath",
      "terminationMessagePolicy", "stdin", "stdinOnce", "tty", "resizePolicy"},
      allowGetters = true)
  abstract static class ContainerView {}

  @JsonIgnoreProperties(value = {"containerStatuses", "initContainerStatuses",
      "ephemeralContainerStatuses", "podIP", "podIPs", "hostIP", "hostIPs", "startTime",
      "qosClass", "nominatedNodeName", "resize", "resourceClaimStatuses", "message", "reason"},
      allowGetters = true)
  abstract static class PodStatusView {}
}

package io.kubling.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What scheduling needs from a pod, computed once when the pod is seen rather than on every
 * node: its resource requests, host ports, tolerations and compiled node affinity.
 */
public final class PodInfo {
  /** Kubernetes' stand-in requests for scoring containers that request nothing. */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  /** A preferred node affinity term and its weight. */
  public record WeightedTerm(int weight, NodeSelector.Term term) {}

  private final Pod pod;
  private final String key;
  private final String uid;
  private final String nodeName;
  private final int priority;
  private final long milliCpu;
  private final long memory;
  private final long nonZeroMilliCpu;
  private final long nonZeroMemory;
  private final List<HostPort> hostPorts;
  private final List<Toleration> tolerations;
  private final Map<String, String> nodeSelector;
  private final NodeSelector requiredAffinity;
  private final List<WeightedTerm> preferredAffinity;
  private final String ownerUid;

  private PodInfo(Pod pod) {
    this.pod = pod;
    this.key = key(pod);
    this.uid = pod.getMetadata().getUid();
    PodSpec spec = pod.getSpec();
    this.nodeName = spec.getNodeName() == null ? "" : spec.getNodeName();
    this.priority = spec.getPriority() == null ? 0 : spec.getPriority();
    long[] req = requests(spec, false);
    long[] nonZero = requests(spec, true);
    this.milliCpu = req[0];
    this.memory = req[1];
    this.nonZeroMilliCpu = nonZero[0];
    this.nonZeroMemory = nonZero[1];
    this.hostPorts = hostPorts(spec);
    this.tolerations = spec.getTolerations() == null ? List.of() : List.copyOf(spec.getTolerations());
    this.nodeSelector = spec.getNodeSelector() == null ? Map.of() : Map.copyOf(spec.getNodeSelector());
    NodeAffinity na = nodeAffinity(spec.getAffinity());
    this.requiredAffinity = na == null || na.getRequiredDuringSchedulingIgnoredDuringExecution() == null
        ? null
        : NodeSelector.compile(na.getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms() == null ? List.of()
            : na.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms());
    this.preferredAffinity = preferred(na);
    this.ownerUid = controllerUid(pod);
  }

  public static PodInfo of(Pod pod) {
    return new PodInfo(pod);
  }

  private PodInfo(PodInfo p) {
    this.pod = null;
    this.key = p.key;
    this.uid = p.uid;
    this.nodeName = p.nodeName;
    this.priority = p.priority;
    this.milliCpu = p.milliCpu;
    this.memory = p.memory;
    this.nonZeroMilliCpu = p.nonZeroMilliCpu;
    this.nonZeroMemory = p.nonZeroMemory;
    this.hostPorts = p.hostPorts;
    this.tolerations = p.tolerations;
    this.nodeSelector = p.nodeSelector;
    this.requiredAffinity = p.requiredAffinity;
    this.preferredAffinity = p.preferredAffinity;
    this.ownerUid = p.ownerUid;
  }

  /**
   * This info without the Pod object ({@link #pod()} null), for the cache's bound pods: the
   * totals need only the figures, and holding every bound Pod in full would keep the whole
   * cluster's pods alive twice (the informer holds them too), which the GC pays for.
   */
  public PodInfo detached() {
    return pod == null ? this : new PodInfo(this);
  }

  /** namespace/name, the key pods go by in the queue and the cache. */
  public static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /** The Pod; null for a {@link #detached()} info. */
  public Pod pod() {
    return pod;
  }

  public String key() {
    return key;
  }

  public String uid() {
    return uid;
  }

  public String nodeName() {
    return nodeName;
  }

  public int priority() {
    return priority;
  }

  /** The pod's cpu request in thousandths of a core, as the NodeResourcesFit filter counts it. */
  public long milliCpu() {
    return milliCpu;
  }

  public long memory() {
    return memory;
  }

  /** Requests with Kubernetes' defaults for containers asking for nothing, for scoring. */
  public long nonZeroMilliCpu() {
    return nonZeroMilliCpu;
  }

  public long nonZeroMemory() {
    return nonZeroMemory;
  }

  public List<HostPort> hostPorts() {
    return hostPorts;
  }

  public List<Toleration> tolerations() {
    return tolerations;
  }

  public Map<String, String> nodeSelector() {
    return nodeSelector;
  }

  /** Compiled requiredDuringSchedulingIgnoredDuringExecution; null when the pod has none. */
  public NodeSelector requiredAffinity() {
    return requiredAffinity;
  }

  public List<WeightedTerm> preferredAffinity() {
    return preferredAffinity;
  }

  /** The uid of the pod's controller (its ReplicaSet, say); null for a bare pod. */
  public String ownerUid() {
    return ownerUid;
  }

  // Kubernetes' computePodResourceRequest: the sum over containers, at least the largest init
  // container (they run one at a time), plus the pod overhead.
  private static long[] requests(PodSpec spec, boolean nonZero) {
    long cpu = 0;
    long mem = 0;
    for (Container c : list(spec.getContainers())) {
      cpu += containerRequest(c, "cpu", true, nonZero);
      mem += containerRequest(c, "memory", false, nonZero);
    }
    for (Container c : list(spec.getInitContainers())) {
      cpu = Math.max(cpu, containerRequest(c, "cpu", true, nonZero));
      mem = Math.max(mem, containerRequest(c, "memory", false, nonZero));
    }
    Map<String, Quantity> overhead = spec.getOverhead();
    if (overhead != null) {
      cpu += io.kubling.scheduler.framework.Quantity.milliValue(overhead.get("cpu"));
      mem += io.kubling.scheduler.framework.Quantity.value(overhead.get("memory"));
    }
    return new long[] {cpu, mem};
  }

  private static long containerRequest(Container c, String resource, boolean milli,
      boolean nonZero) {
    ResourceRequirements r = c.getResources();
    Quantity q = r == null || r.getRequests() == null ? null : r.getRequests().get(resource);
    // The API server defaults a missing request to the limit; count it that way here too.
    if (q == null && r != null && r.getLimits() != null) {
      q = r.getLimits().get(resource);
    }
    if (q == null) {
      if (!nonZero) {
        return 0;
      }
      return milli ? DEFAULT_MILLI_CPU_REQUEST : DEFAULT_MEMORY_REQUEST;
    }
    return milli ? io.kubling.scheduler.framework.Quantity.milliValue(q)
        : io.kubling.scheduler.framework.Quantity.value(q);
  }

  private static List<HostPort> hostPorts(PodSpec spec) {
    List<HostPort> out = new ArrayList<>();
    for (Container c : list(spec.getContainers())) {
      for (ContainerPort p : list(c.getPorts())) {
        if (p.getHostPort() != null && p.getHostPort() > 0) {
          String ip = p.getHostIP() == null || p.getHostIP().isEmpty() ? HostPort.ANY_IP
              : p.getHostIP();
          String proto = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP"
              : p.getProtocol();
          out.add(new HostPort(ip, proto, p.getHostPort()));
        }
      }
    }
    return List.copyOf(out);
  }

  private static NodeAffinity nodeAffinity(Affinity a) {
    return a == null ? null : a.getNodeAffinity();
  }

  private static List<WeightedTerm> preferred(NodeAffinity na) {
    if (na == null || na.getPreferredDuringSchedulingIgnoredDuringExecution() == null) {
      return List.of();
    }
    List<WeightedTerm> out = new ArrayList<>();
    for (PreferredSchedulingTerm t : na.getPreferredDuringSchedulingIgnoredDuringExecution()) {
      if (t.getWeight() != null && t.getWeight() != 0) {
        out.add(new WeightedTerm(t.getWeight(), NodeSelector.compileTerm(t.getPreference())));
      }
    }
    return List.copyOf(out);
  }

  private static String controllerUid(Pod pod) {
    for (OwnerReference ref : list(pod.getMetadata().getOwnerReferences())) {
      if (Boolean.TRUE.equals(ref.getController())) {
        return ref.getUid();
      }
    }
    return null;
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}

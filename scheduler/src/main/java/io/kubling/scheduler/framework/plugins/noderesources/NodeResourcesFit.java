package io.kubling.scheduler.framework.plugins.noderesources;

import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.ScorePlugin;
import io.kubling.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters nodes without room for the pod's cpu, memory and pod count (allocatable minus what
 * bound and assumed pods request), and scores with the LeastAllocated strategy.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  public static final String NAME = "NodeResourcesFit";
  public static final String TOO_MANY_PODS = "Too many pods";
  public static final String INSUFFICIENT_CPU = "Insufficient cpu";
  public static final String INSUFFICIENT_MEMORY = "Insufficient memory";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(PodInfo pod, NodeInfo node) {
    List<String> reasons = insufficient(pod, node);
    return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(NAME, reasons);
  }

  /** Kubernetes' fitsRequest: every resource that does not fit, in the order pods, cpu, memory. */
  static List<String> insufficient(PodInfo pod, NodeInfo node) {
    List<String> reasons = null;
    if (node.podCount() + 1 > node.allocatablePods()) {
      reasons = add(reasons, TOO_MANY_PODS);
    }
    if (pod.milliCpu() > 0
        && pod.milliCpu() > node.allocatableMilliCpu() - node.requestedMilliCpu()) {
      reasons = add(reasons, INSUFFICIENT_CPU);
    }
    if (pod.memory() > 0 && pod.memory() > node.allocatableMemory() - node.requestedMemory()) {
      reasons = add(reasons, INSUFFICIENT_MEMORY);
    }
    return reasons == null ? List.of() : reasons;
  }

  private static List<String> add(List<String> reasons, String reason) {
    List<String> out = reasons == null ? new ArrayList<>(3) : reasons;
    out.add(reason);
    return out;
  }

  /** LeastAllocated over cpu and memory, weight 1 each, with the pod's non-zero requests. */
  @Override
  public long score(PodInfo pod, NodeInfo node) {
    long cpu = leastRequested(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu(),
        node.allocatableMilliCpu());
    long mem = leastRequested(node.nonZeroMemory() + pod.nonZeroMemory(),
        node.allocatableMemory());
    return (cpu + mem) / 2;
  }

  /** (capacity − requested) × 100 / capacity; 0 when full or nothing is allocatable. */
  static long leastRequested(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * MAX_NODE_SCORE / capacity;
  }
}

package io.kubling.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubling.scheduler.cache.SchedulerCache;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.queue.SchedulingQueue;
import java.util.Objects;

/**
 * Keeps the cache's nodes current and gives unschedulable pods another chance when a node is
 * added or changes in a way that may let them fit (not on a mere heartbeat).
 */
final class NodeEventHandler implements ResourceEventHandler<Node> {
  private final SchedulingQueue queue;
  private final SchedulerCache cache;

  NodeEventHandler(SchedulingQueue queue, SchedulerCache cache) {
    this.queue = queue;
    this.cache = cache;
  }

  @Override
  public void onAdd(Node node) {
    cache.addOrUpdateNode(node);
    queue.moveAllToActiveOrBackoff();
  }

  @Override
  public void onUpdate(Node old, Node node) {
    cache.addOrUpdateNode(node);
    if (schedulingRelevantChange(old, node)) {
      queue.moveAllToActiveOrBackoff();
    }
  }

  @Override
  public void onDelete(Node node, boolean finalStateUnknown) {
    cache.removeNode(node.getMetadata().getName());
  }

  /** Labels, taints, cordon, allocatable or readiness changed: what the filters read. */
  static boolean schedulingRelevantChange(Node old, Node node) {
    NodeInfo a = NodeInfo.of(old);
    NodeInfo b = NodeInfo.of(node);
    return !a.labels().equals(b.labels()) || !a.taints().equals(b.taints())
        || a.unschedulable() != b.unschedulable() || a.ready() != b.ready()
        || a.allocatableMilliCpu() != b.allocatableMilliCpu()
        || a.allocatableMemory() != b.allocatableMemory()
        || a.allocatablePods() != b.allocatablePods()
        || !Objects.equals(old.getMetadata().getName(), node.getMetadata().getName());
  }
}

package io.kubling.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubling.scheduler.cache.SchedulerCache;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.queue.SchedulingQueue;

/**
 * Turns pod events into queue and cache changes: bound pods go to the cache, this scheduler's
 * unbound pods to the queue. Only in-memory bookkeeping happens here, never I/O.
 */
final class PodEventHandler implements ResourceEventHandler<Pod> {
  private final String schedulerName;
  private final SchedulingQueue queue;
  private final SchedulerCache cache;

  PodEventHandler(String schedulerName, SchedulingQueue queue, SchedulerCache cache) {
    this.schedulerName = schedulerName;
    this.queue = queue;
    this.cache = cache;
  }

  static boolean assigned(Pod pod) {
    String node = SlimPodStore.nodeName(pod);
    return node != null && !node.isEmpty();
  }

  static boolean terminal(Pod pod) {
    String phase = SlimPodStore.phase(pod);
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  boolean responsibleFor(Pod pod) {
    String name = SlimPodStore.schedulerName(pod);
    return schedulerName.equals(name == null || name.isEmpty()
        ? SchedulerOptions.DEFAULT_SCHEDULER_NAME : name);
  }

  @Override
  public void onAdd(Pod pod) {
    if (terminal(pod)) {
      return;
    }
    if (assigned(pod)) {
      cache.addOrUpdatePod(PodInfo.of(pod).detached());
    } else if (responsibleFor(pod) && !cache.isAssumed(PodInfo.key(pod))) {
      queue.add(PodInfo.of(pod));
    }
  }

  @Override
  public void onUpdate(Pod old, Pod pod) {
    String key = PodInfo.key(pod);
    if (assigned(pod)) {
      if (!assigned(old)) {
        queue.delete(key);
        // Most often the binding this scheduler just made: its assumption already counts it.
        if (!terminal(pod) && cache.confirm(key, pod.getMetadata().getUid(),
            pod.getSpec().getNodeName())) {
          return;
        }
      }
      if (terminal(pod)) {
        // A finished pod no longer holds its resources.
        cache.removePod(key);
        queue.moveAllToActiveOrBackoff();
      } else {
        cache.addOrUpdatePod(PodInfo.of(pod).detached());
      }
      return;
    }
    if (!responsibleFor(pod) || terminal(pod)) {
      queue.delete(key);
    } else if (!cache.isAssumed(key)) {
      queue.update(PodInfo.of(pod));
    }
  }

  @Override
  public void onDelete(Pod pod, boolean finalStateUnknown) {
    String key = PodInfo.key(pod);
    queue.delete(key);
    if (assigned(pod)) {
      cache.removePod(key);
      queue.moveAllToActiveOrBackoff();
    }
  }
}

package io.kubling.scheduler;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The pod informer's store, holding of each pod only what the scheduler's handlers read from
 * a stored (old) pod: its key, uid, resourceVersion, deletion, node, scheduler name and phase.
 * Handlers still get every new pod in full; the queue and the cache keep what they need of it.
 * Holding every pod of the cluster in full here kept thousands of decoded Pods alive, which
 * the garbage collector copied and marked at every turn.
 */
final class SlimPodStore extends BasicItemStore<Pod> {
  SlimPodStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public Pod put(String key, Pod pod) {
    return super.put(key, slim(pod));
  }

  static Pod slim(Pod pod) {
    ObjectMeta m = pod.getMetadata();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(m.getName());
    meta.setNamespace(m.getNamespace());
    meta.setUid(m.getUid());
    meta.setResourceVersion(m.getResourceVersion());
    meta.setDeletionTimestamp(m.getDeletionTimestamp());
    Pod slim = new Pod();
    slim.setApiVersion(pod.getApiVersion());
    slim.setKind(pod.getKind());
    slim.setMetadata(meta);
    PodSpec spec = new PodSpec();
    if (pod.getSpec() != null) {
      spec.setNodeName(pod.getSpec().getNodeName());
      spec.setSchedulerName(pod.getSpec().getSchedulerName());
    }
    slim.setSpec(spec);
    PodStatus status = new PodStatus();
    if (pod.getStatus() != null) {
      status.setPhase(pod.getStatus().getPhase());
    }
    slim.setStatus(status);
    return slim;
  }
}

package io.kubling.scheduler;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The pod informer's store, holding of each pod only what the scheduler's handlers read from
 * a stored (old) pod: its key, uid, resourceVersion, deletion, node, scheduler name and phase.
 * Handlers still get every new pod in full; the queue and the cache keep what they need of it.
 * Holding every pod of the cluster in full here kept thousands of decoded Pods alive, which
 * the garbage collector copied and marked at every turn.
 *
 * <p>Until {@link #slimAll()} the store keeps pods whole: fabric8 builds the add notifications
 * of an informer's first list from this store (by key, once the list is in), so a store that
 * slimmed at once handed the scheduler pods without containers, selectors or tolerations for
 * every pod that existed before it started. The scheduler calls {@link #slimAll()} once the
 * informer has synced; those notifications already hold the whole pods by then.
 */
final class SlimPodStore implements ItemStore<Pod> {
  private final ConcurrentHashMap<String, Pod> items = new ConcurrentHashMap<>();
  private volatile boolean slimming;

  @Override
  public String getKey(Pod pod) {
    return Cache.metaNamespaceKeyFunc(pod);
  }

  @Override
  public Pod put(String key, Pod pod) {
    return items.put(key, slimming ? slim(pod) : pod);
  }

  @Override
  public Pod remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<Pod> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public Pod get(String key) {
    return items.get(key);
  }

  /**
   * From now on keeps pods slim, and slims those already held. Each entry is replaced only if
   * the informer has not put a newer version meanwhile (ConcurrentHashMap.replaceAll retries).
   */
  void slimAll() {
    slimming = true;
    items.replaceAll((key, pod) -> slim(pod));
  }

  static Pod slim(Pod pod) {
    if (pod instanceof StoredPod) {
      return pod;
    }
    ObjectMeta m = pod.getMetadata();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(m.getName());
    meta.setNamespace(m.getNamespace());
    meta.setUid(m.getUid());
    meta.setResourceVersion(m.getResourceVersion());
    meta.setDeletionTimestamp(m.getDeletionTimestamp());
    PodSpec spec = pod.getSpec();
    PodStatus status = pod.getStatus();
    return new StoredPod(meta, spec == null ? null : spec.getNodeName(),
        spec == null ? null : spec.getSchedulerName(), status == null ? null : status.getPhase());
  }

  /** The node a pod is bound to, read without building a stored pod's spec. */
  static String nodeName(Pod pod) {
    if (pod instanceof StoredPod s) {
      return s.nodeName;
    }
    return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
  }

  static String schedulerName(Pod pod) {
    if (pod instanceof StoredPod s) {
      return s.schedulerName;
    }
    return pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
  }

  static String phase(Pod pod) {
    if (pod instanceof StoredPod s) {
      return s.phase;
    }
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  /**
   * A stored pod: its metadata, and of spec and status the three fields handlers read, kept as
   * plain fields. A fabric8 PodSpec and PodStatus (about 1 KiB of beans and empty collections)
   * for each of the cluster's pods was most of what this store held; they are built only if
   * something outside the scheduler's handlers asks for them.
   */
  static final class StoredPod extends Pod {
    private final String nodeName;
    private final String schedulerName;
    private final String phase;

    StoredPod(ObjectMeta metadata, String nodeName, String schedulerName, String phase) {
      this.nodeName = nodeName;
      this.schedulerName = schedulerName;
      this.phase = phase;
      setMetadata(metadata);
    }

    @Override
    public PodSpec getSpec() {
      PodSpec spec = new PodSpec();
      spec.setNodeName(nodeName);
      spec.setSchedulerName(schedulerName);
      return spec;
    }

    @Override
    public PodStatus getStatus() {
      PodStatus status = new PodStatus();
      status.setPhase(phase);
      return status;
    }
  }
}

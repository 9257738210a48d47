package io.kubling.agent.pod;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.kubling.agent.runtime.ContainerProcess;
import io.kubling.agent.runtime.PodRef;
import io.kubling.agent.runtime.PodRuntime;
import io.kubling.agent.runtime.Sandbox;
import io.kubling.agent.status.ContainerSnapshot;
import io.kubling.agent.status.ContainerSnapshot.Termination;
import io.kubling.agent.status.CrashLoopBackoff;
import io.kubling.agent.status.PodStatusCalculator;
import io.kubling.agent.volume.ServiceAccountTokenVolumes;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's pod workers for one node: {@code reconcile(namespace/name)} brings the pod's
 * sandbox and containers to what its spec asks, restarts exited containers with backoff, tears
 * deleted pods down (SIGTERM, grace, SIGKILL, sandbox removed, object deleted) and writes the
 * pod's status when it changed.
 */
public final class PodWorkers implements Reconciler, ContainerFinder {
  private static final Logger log = LoggerFactory.getLogger(PodWorkers.class);
  private static final Duration VOLUME_RETRY = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final String nodeIp;
  private final PodRuntime runtime;
  private final PodStateStore store;
  private final Clock clock;
  private final Map<String, PodRecord> records = new ConcurrentHashMap<>();
  private final EnvResolver.Lookup lookup;
  private volatile Indexer<Pod> cache;
  private volatile Consumer<String> enqueue = k -> {};
  private volatile Prober prober = Prober.NONE;
  private volatile ServiceAccountTokenVolumes tokenVolumes;
  private volatile java.util.function.BiPredicate<String, String> staticPods = (k, h) -> false;

  public PodWorkers(KubernetesClient client, String nodeIp, PodRuntime runtime,
      java.nio.file.Path dataDir, Clock clock) {
    this.client = requireNonNull(client, "client should not be null");
    this.nodeIp = requireNonNull(nodeIp, "nodeIp should not be null");
    this.runtime = requireNonNull(runtime, "runtime should not be null");
    this.store = new PodStateStore(requireNonNull(dataDir, "dataDir should not be null"));
    this.clock = requireNonNull(clock, "clock should not be null");
    this.lookup = new ApiLookup(client);
  }

  /** The informer cache of this node's pods and the queue's add, set before workers start. */
  public void bind(Indexer<Pod> cache, Consumer<String> enqueue) {
    this.cache = cache;
    this.enqueue = enqueue;
  }

  /**
   * Which static pods their manifests ask for now, by key and config hash: such a pod outlives
   * its mirror pod, as the kubelet's static pods do.
   */
  public void staticPods(java.util.function.BiPredicate<String, String> wanted) {
    this.staticPods = requireNonNull(wanted, "wanted should not be null");
  }

  public void prober(Prober p) {
    this.prober = requireNonNull(p, "prober should not be null");
  }

  /** Projects ServiceAccount token volumes into pods; without it pods get none. */
  public void tokenVolumes(ServiceAccountTokenVolumes volumes) {
    this.tokenVolumes = requireNonNull(volumes, "volumes should not be null");
  }

  /**
   * Takes back the pods an earlier agent ran, from data-dir: sandboxes that still exist and
   * processes that are still the same are adopted, not restarted. Returns their keys, to be
   * reconciled once the cache has synced (pods gone meanwhile are then torn down).
   */
  public List<String> recover() {
    List<String> keys = new ArrayList<>();
    for (PodStateStore.Saved s : store.load()) {
      PodRef ref = new PodRef(s.namespace(), s.name(), s.uid());
      PodRecord r = new PodRecord(ref, Instant.parse(s.startTime()));
      r.mirrorHash = s.mirrorHash();
      if (s.ip() != null) {
        Sandbox sb = new Sandbox(ref, s.netns(), s.ip());
        r.sandbox = sb;
        if (!runtime.sandboxExists(sb)) {
          // Its namespace went with a stopped node (kubling server removes them): release
          // the IP (CNI DEL tolerates the missing namespace) and make a new sandbox.
          log.atInfo().addKeyValue("pod", ref.key()).log("sandbox gone since the last run");
          try {
            runtime.removeSandbox(sb);
            r.sandbox = null;
          } catch (IOException e) {
            log.atWarn().addKeyValue("pod", ref.key()).log("releasing its IP: " + e.getMessage());
          }
        }
      }
      for (PodStateStore.SavedContainer sc : s.containers()) {
        ContainerRecord c = r.container(sc.name());
        c.restartCount = sc.restartCount();
        ContainerProcess p = runtime.adopt(sc.name(), sc.pid(), Instant.parse(sc.startedAt()),
            sc.logFile() == null ? null : java.nio.file.Path.of(sc.logFile()));
        if (p != null) {
          c.process = p;
          c.started = true;
          c.ready = true;
          c.waitingReason = null;
          p.exit().whenComplete((code, err) -> enqueue.accept(ref.key()));
        }
      }
      records.put(ref.key(), r);
      keys.add(ref.key());
      log.atInfo().addKeyValue("pod", ref.key()).addKeyValue("uid", s.uid()).log("adopted");
    }
    return keys;
  }

  /** Keys of the pods this node runs, for a sweep after the first sync. */
  public Collection<String> runningKeys() {
    return List.copyOf(records.keySet());
  }

  /** Whether this node runs a pod of that name now. */
  public boolean runs(String namespace, String name) {
    return records.containsKey(namespace + "/" + name);
  }

  /** The container of a pod this node runs, for logs and exec; empty when there is none. */
  @Override
  public java.util.Optional<ContainerHandle> container(String namespace, String name,
      String container) {
    PodRecord rec = records.get(namespace + "/" + name);
    if (rec == null) {
      return java.util.Optional.empty();
    }
    synchronized (rec) {
      ContainerRecord c = rec.containers.get(container);
      if (c == null) {
        return java.util.Optional.empty();
      }
      java.nio.file.Path dir = store.podDir(rec.ref.uid()).resolve(container);
      java.nio.file.Path current = dir.resolve(c.restartCount + ".log");
      java.nio.file.Path previous = c.restartCount > 0
          ? dir.resolve((c.restartCount - 1) + ".log") : null;
      // An adopted container has no launch of this run: exec gets the default PATH only,
      // and the volumes this run projects for it.
      var launch = c.launch != null ? c.launch : new io.kubling.agent.runtime.ContainerLaunch(
          container, List.of(), Map.of("PATH", ContainerLaunches.DEFAULT_PATH), null, current)
          .withMounts(adoptedMounts(rec, container));
      return java.util.Optional.of(new ContainerHandle(rec.sandbox, launch, current, previous,
          c.process == null ? null : c.process.exit(), c.waitingReason));
    }
  }

  public int podCount() {
    return records.size();
  }

  @Override
  public Result reconcile(String key) throws Exception {
    Pod pod = cache.getByKey(key);
    PodRecord rec = records.get(key);
    if (rec != null && rec.mirrorHash != null && staticPods.test(key, rec.mirrorHash)
        && (pod == null || rec.mirrorHash.equals(mirrorHash(pod)))) {
      // A static pod whose mirror pod was deleted keeps running: the mirror pod goes at once
      // and the static pod source creates it again, which this record then serves.
      if (pod == null) {
        return Result.done();
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        deleteObject(pod);
        return Result.done();
      }
    } else if (rec != null
        && (pod == null || !rec.ref.uid().equals(pod.getMetadata().getUid()))) {
      // Gone, or an older incarnation under the same name: stop it before anything else.
      Result r = terminate(rec, null, 30);
      if (r != null) {
        return r;
      }
      return pod == null ? Result.done() : reconcile(key);
    }
    if (pod == null) {
      return Result.done();
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      long grace = pod.getMetadata().getDeletionGracePeriodSeconds() != null
          ? pod.getMetadata().getDeletionGracePeriodSeconds() : graceOf(pod);
      if (rec == null) {
        deleteObject(pod);
        return Result.done();
      }
      Result r = terminate(rec, pod, grace);
      return r == null ? Result.done() : r;
    }
    if (rec == null) {
      rec = new PodRecord(PodRef.of(pod), clock.instant());
      rec.mirrorHash = mirrorHash(pod);
      records.put(key, rec);
    }
    Duration next;
    synchronized (rec) {
      next = sync(pod, rec);
    }
    writeStatus(pod, rec);
    return next == null ? Result.done() : Result.requeueAfter(next);
  }

  private static String mirrorHash(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    return a == null ? null : a.get(io.kubling.agent.staticpod.MirrorPods.MIRROR);
  }

  private static long graceOf(Pod pod) {
    Long g = pod.getSpec().getTerminationGracePeriodSeconds();
    return g == null ? 30 : g;
  }

  /** Starts what should run; returns when to come back (backoff), or null. */
  private Duration sync(Pod pod, PodRecord rec) throws IOException {
    Instant now = clock.instant();
    if (rec.sandbox == null) {
      boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
      rec.sandbox = runtime.runSandbox(rec.ref, hostNetwork);
      store.save(rec);
      log.atInfo().addKeyValue("pod", rec.ref.key()).addKeyValue("ip", rec.sandbox.ip())
          .log("sandbox ready");
    }
    Map<String, java.nio.file.Path> volumes;
    try {
      volumes = tokenVolumes == null ? Map.of()
          : tokenVolumes.setUp(pod, store.podDir(rec.ref.uid()));
    } catch (ServiceAccountTokenVolumes.SetUpFailed e) {
      // As the kubelet: no container starts before its volumes are there; try again soon.
      for (Container c : pod.getSpec().getContainers()) {
        ContainerRecord cr = rec.container(c.getName());
        if (cr.process == null && cr.terminated == null) {
          cr.waitingReason = "ContainerCreating";
          cr.waitingMessage = e.getMessage();
        }
      }
      log.atWarn().addKeyValue("pod", rec.ref.key()).log(e.getMessage());
      return VOLUME_RETRY;
    }
    String policy = pod.getSpec().getRestartPolicy();
    Duration next = null;
    for (Container c : pod.getSpec().getContainers()) {
      ContainerRecord cr = rec.container(c.getName());
      cr.image = c.getImage();
      if (cr.running() || cr.terminated != null) {
        continue;
      }
      if (cr.process != null) {
        exited(rec, cr, policy, now);
        if (cr.terminated != null) {
          continue;
        }
      }
      if (now.isBefore(cr.nextStart)) {
        Duration wait = Duration.between(now, cr.nextStart);
        next = next == null || wait.compareTo(next) < 0 ? wait : next;
        continue;
      }
      start(pod, rec, cr, c, volumes);
    }
    return next;
  }

  /** Records an exit and decides: restart (maybe after backoff) or stay terminated. */
  private void exited(PodRecord rec, ContainerRecord cr, String policy, Instant now) {
    int code = cr.process.exit().getNow(-1);
    String reason = cr.stopReason != null ? cr.stopReason : Termination.reasonFor(code);
    Termination t = new Termination(code, reason, null, cr.process.startedAt(), now,
        cr.containerId(rec.ref.uid()));
    Duration ran = Duration.between(cr.process.startedAt(), now);
    cr.process = null;
    cr.stopReason = null;
    cr.ready = false;
    cr.started = false;
    prober.forget(rec.ref.uid(), cr.name);
    log.atInfo().addKeyValue("pod", rec.ref.key()).addKeyValue("container", cr.name)
        .addKeyValue("exitCode", code).log("container exited");
    if (!CrashLoopBackoff.restarts(policy, code)) {
      cr.terminated = t;
      store.save(rec);
      return;
    }
    cr.last = t;
    Duration delay = CrashLoopBackoff.delay(cr.restartCount + 1, ran);
    if (cr.restartCount == 0 && ran.compareTo(Duration.ofSeconds(10)) < 0) {
      delay = Duration.ZERO; // the first restart is immediate, as the kubelet's backoff
    }
    cr.nextStart = now.plus(delay);
    cr.waitingReason = delay.isZero() ? "ContainerCreating" : "CrashLoopBackOff";
    cr.waitingMessage = delay.isZero() ? null : "back-off " + delay.toSeconds()
        + "s restarting failed container=" + cr.name + " pod=" + rec.ref.name() + "_"
        + rec.ref.namespace() + "(" + rec.ref.uid() + ")";
    store.save(rec);
  }

  private void start(Pod pod, PodRecord rec, ContainerRecord cr, Container c,
      Map<String, java.nio.file.Path> volumes) {
    boolean restart = cr.last != null;
    int count = restart ? cr.restartCount + 1 : cr.restartCount;
    java.nio.file.Path logFile = store.podDir(rec.ref.uid()).resolve(c.getName())
        .resolve(count + ".log");
    pruneLogs(logFile.getParent(), count);
    try {
      var launch = ContainerLaunches.build(pod, c, rec.sandbox.ip(), nodeIp, lookup, logFile)
          .withMounts(mounts(c, volumes));
      ContainerProcess p = runtime.start(rec.sandbox, launch);
      cr.restartCount = count;
      cr.process = p;
      cr.launch = launch;
      cr.waitingReason = null;
      cr.waitingMessage = null;
      cr.started = c.getStartupProbe() == null;
      cr.ready = c.getReadinessProbe() == null && cr.started;
      String key = rec.ref.key();
      p.exit().whenComplete((code, err) -> enqueue.accept(key));
      prober.watch(rec.ref, rec.sandbox, launch, c, p, cr, () -> enqueue.accept(key));
      store.save(rec);
      log.atInfo().addKeyValue("pod", key).addKeyValue("container", c.getName())
          .addKeyValue("pid", p.pid()).addKeyValue("restartCount", count).log("started");
    } catch (ContainerLaunches.NotRunnable e) {
      cr.waitingReason = e.reason;
      cr.waitingMessage = e.getMessage();
      // Retry as the kubelet does: config may appear (a ConfigMap created later).
      cr.nextStart = clock.instant().plus(CrashLoopBackoff.INITIAL);
    } catch (IOException | RuntimeException e) {
      cr.waitingReason = "RunContainerError";
      cr.waitingMessage = e.getMessage();
      cr.nextStart = clock.instant().plus(CrashLoopBackoff.INITIAL);
      log.atWarn().addKeyValue("pod", rec.ref.key()).addKeyValue("container", c.getName())
          .setCause(e).log("start failed");
    }
  }

  private Map<String, java.nio.file.Path> adoptedMounts(PodRecord rec, String container) {
    Pod pod = cache == null ? null : cache.getByKey(rec.ref.key());
    ServiceAccountTokenVolumes volumes = tokenVolumes;
    if (pod == null || volumes == null || !rec.ref.uid().equals(pod.getMetadata().getUid())) {
      return Map.of();
    }
    return pod.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(container)).findFirst()
        .map(c -> mounts(c, volumes.known(rec.ref.uid()))).orElse(Map.of());
  }

  /** The container's mounts of the volumes the agent projects: mountPath to host dir. */
  static Map<String, java.nio.file.Path> mounts(Container c,
      Map<String, java.nio.file.Path> volumes) {
    Map<String, java.nio.file.Path> m = new java.util.LinkedHashMap<>();
    if (c.getVolumeMounts() != null) {
      for (var vm : c.getVolumeMounts()) {
        java.nio.file.Path dir = volumes.get(vm.getName());
        if (dir != null) {
          m.put(vm.getMountPath(), dir);
        }
      }
    }
    return m;
  }

  /** Keeps the logs of the current and the previous instance only, as the kubelet does. */
  private static void pruneLogs(java.nio.file.Path dir, int count) {
    try {
      java.nio.file.Files.deleteIfExists(dir.resolve((count - 2) + ".log"));
      java.nio.file.Files.deleteIfExists(dir.resolve((count - 2) + ".log.exit"));
    } catch (IOException e) {
      log.atWarn().addKeyValue("dir", dir).log("could not prune an old log: " + e.getMessage());
    }
  }

  /**
   * SIGTERM, then SIGKILL after the grace period, then the sandbox removed and, for a pod
   * being deleted, the object removed with grace 0. Null when finished, else when to look again.
   */
  private Result terminate(PodRecord rec, Pod deleting, long graceSeconds) throws IOException {
    Instant now = clock.instant();
    synchronized (rec) {
      if (rec.killAt == null) {
        rec.killAt = now.plusSeconds(graceSeconds);
        for (ContainerRecord c : rec.containers.values()) {
          if (c.running()) {
            runtime.signal(c.process, graceSeconds == 0);
          }
        }
        log.atInfo().addKeyValue("pod", rec.ref.key()).addKeyValue("grace", graceSeconds)
            .log("stopping");
      } else if (!rec.killed && !now.isBefore(rec.killAt)) {
        rec.killed = true;
        for (ContainerRecord c : rec.containers.values()) {
          if (c.running()) {
            runtime.signal(c.process, true);
          }
        }
      }
      if (rec.anyRunning()) {
        Duration left = Duration.between(now, rec.killAt);
        return Result.requeueAfter(left.isNegative() || left.compareTo(Duration.ofMillis(500)) > 0
            ? Duration.ofMillis(500) : left.plusMillis(10));
      }
      rec.containers.values().forEach(c -> prober.forget(rec.ref.uid(), c.name));
      if (tokenVolumes != null) {
        tokenVolumes.tearDown(rec.ref.uid());
      }
      if (rec.sandbox != null) {
        runtime.removeSandbox(rec.sandbox);
        rec.sandbox = null;
      }
    }
    store.remove(rec.ref.uid());
    records.remove(rec.ref.key(), rec);
    log.atInfo().addKeyValue("pod", rec.ref.key()).log("stopped; sandbox removed");
    if (deleting != null) {
      deleteObject(deleting);
    }
    return null;
  }

  private void deleteObject(Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void writeStatus(Pod pod, PodRecord rec) {
    List<ContainerSnapshot> snaps = new ArrayList<>();
    synchronized (rec) {
      for (Container c : pod.getSpec().getContainers()) {
        snaps.add(rec.container(c.getName()).snapshot(rec.ref.uid()));
      }
    }
    PodStatus current = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    PodStatus next = PodStatusCalculator.compute(new PodStatusCalculator.Input(
        pod.getSpec().getRestartPolicy(), rec.sandbox == null ? null : rec.sandbox.ip(), nodeIp,
        rec.startTime, rec.sandbox != null, snaps, current.getConditions(),
        current.getQosClass(), clock.instant()));
    if (next.equals(current)) {
      return;
    }
    // Written against the cached resourceVersion: without one, fabric8 GETs the pod first to
    // learn it, a second request for every status write. A 409 means the pod changed since the
    // cache saw it; that change's watch event queues this pod again, and the status is then
    // computed afresh and written over the newer version.
    // The status subresource takes only the status (the spec stays what the API server has,
    // as for the kubelet's status patch), so the spec is not sent: serializing it took more
    // of the agent's CPU than the status. The metadata is the cached one, shared, not copied:
    // fabric8 sends an object that has a resourceVersion as it is.
    Pod copy = new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), null, next);
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
    }
  }
}

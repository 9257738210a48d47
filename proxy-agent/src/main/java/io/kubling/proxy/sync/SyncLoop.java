package io.kubling.proxy.sync;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.metrics.MetricFamily;
import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.Proxier;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePortName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's data path in step with the API server, as kube-proxy's sync runner does:
 * Service and EndpointSlice events only request a sync; syncs run at most once per
 * --min-sync-period (so a burst of changes becomes one sync), are skipped when the snapshot is
 * unchanged, rewrite only the changed services' chains, and become full syncs every
 * --sync-period and after any failure.
 */
public final class SyncLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

  private final Supplier<ProxySnapshot> source;
  private final Proxier proxier;
  private final Duration minSyncPeriod;
  private final Duration fullSyncPeriod;
  private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "proxy-sync");
    t.setDaemon(true);
    return t;
  });
  private final List<AutoCloseable> informers = new java.util.ArrayList<>();
  private boolean scheduled;
  private long lastSyncNanos;
  private long lastFullNanos;
  private ProxySnapshot applied;
  private boolean needFull = true;
  private final AtomicLong fullSyncs = new AtomicLong();
  private final AtomicLong partialSyncs = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile java.util.function.BiConsumer<ProxySnapshot, ProxySnapshot> afterSync =
      (before, after) -> { };

  /** Runs after each applied sync with the previous and new snapshot (conntrack cleanup). */
  public void afterSync(java.util.function.BiConsumer<ProxySnapshot, ProxySnapshot> hook) {
    this.afterSync = hook;
  }

  public SyncLoop(Supplier<ProxySnapshot> source, Proxier proxier, Duration minSyncPeriod,
      Duration fullSyncPeriod) {
    this.source = requireNonNull(source, "source should not be null");
    this.proxier = requireNonNull(proxier, "proxier should not be null");
    this.minSyncPeriod = minSyncPeriod;
    this.fullSyncPeriod = fullSyncPeriod;
    exec.scheduleWithFixedDelay(this::requestSync, fullSyncPeriod.toMillis(),
        fullSyncPeriod.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A loop fed by Service and EndpointSlice informers on {@code client}. */
  public static SyncLoop watching(KubernetesClient client, NodeConfig node, Proxier proxier,
      Duration minSyncPeriod, Duration fullSyncPeriod) {
    SharedIndexInformer<Service>[] svc = new SharedIndexInformer[1];
    SharedIndexInformer<EndpointSlice>[] eps = new SharedIndexInformer[1];
    SyncLoop loop = new SyncLoop(() -> SnapshotBuilder.build(svc[0].getStore().list(),
        eps[0].getStore().list(), node), proxier, minSyncPeriod, fullSyncPeriod);
    loop.informersReady = false;
    svc[0] = client.services().inAnyNamespace().inform(loop.handler());
    eps[0] = client.discovery().v1().endpointSlices().inAnyNamespace().inform(loop.handler());
    loop.informers.add(svc[0]);
    loop.informers.add(eps[0]);
    loop.informersReady = true;
    loop.requestSync();
    return loop;
  }

  private volatile boolean informersReady = true;

  private <T> ResourceEventHandler<T> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        requestSync();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        requestSync();
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        requestSync();
      }
    };
  }

  /** Asks for a sync; cheap and non-blocking, so informer handlers can call it. */
  public synchronized void requestSync() {
    if (scheduled || !informersReady) {
      return;
    }
    scheduled = true;
    long wait = Math.max(0, lastSyncNanos + minSyncPeriod.toNanos() - System.nanoTime());
    exec.schedule(this::runSync, wait, TimeUnit.NANOSECONDS);
  }

  private void runSync() {
    synchronized (this) {
      scheduled = false;
      lastSyncNanos = System.nanoTime();
    }
    long start = System.nanoTime();
    try {
      ProxySnapshot next = source.get();
      boolean full = needFull || start - lastFullNanos >= fullSyncPeriod.toNanos();
      if (!full && next.equals(applied)) {
        skipped.incrementAndGet();
        return;
      }
      Set<ServicePortName> changed = full ? null : SnapshotBuilder.changed(applied, next);
      proxier.sync(next, changed);
      ProxySnapshot before = applied;
      applied = next;
      afterSync.accept(before, next);
      if (full) {
        needFull = false;
        lastFullNanos = start;
        fullSyncs.incrementAndGet();
      } else {
        partialSyncs.incrementAndGet();
      }
      log.atDebug().addKeyValue("full", full).addKeyValue("changed",
          changed == null ? "all" : changed.size())
          .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000).log("synced proxy rules");
    } catch (Exception e) {
      failures.incrementAndGet();
      needFull = true;
      log.atWarn().setCause(e).log("proxy sync failed; retrying with a full sync");
      requestSync();
    }
  }

  public long fullSyncs() {
    return fullSyncs.get();
  }

  public long partialSyncs() {
    return partialSyncs.get();
  }

  public long skippedSyncs() {
    return skipped.get();
  }

  /** kubeproxy_sync_proxy_rules_total by kind, for /metrics. */
  public List<MetricFamily> metrics() {
    return List.of(new MetricFamily("kubeproxy_sync_proxy_rules_total", "counter",
        "Proxy rule syncs, by kind.", List.of(
            new MetricFamily.Sample("kubeproxy_sync_proxy_rules_total", Map.of("kind", "full"),
                fullSyncs.get()),
            new MetricFamily.Sample("kubeproxy_sync_proxy_rules_total", Map.of("kind", "partial"),
                partialSyncs.get()),
            new MetricFamily.Sample("kubeproxy_sync_proxy_rules_total", Map.of("kind", "skipped"),
                skipped.get()),
            new MetricFamily.Sample("kubeproxy_sync_proxy_rules_total", Map.of("kind", "failed"),
                failures.get()))));
  }

  @Override
  public void close() {
    for (AutoCloseable i : informers) {
      try {
        i.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
    exec.shutdownNow();
  }
}

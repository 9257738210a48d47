package io.kubling.ingress;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.ingress.proxy.IngressProxy;
import io.kubling.ingress.snapshot.IngressClassFilter;
import io.kubling.ingress.snapshot.IngressSnapshot;
import io.kubling.ingress.snapshot.SnapshotBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Ingresses, IngressClasses, Services, EndpointSlices and TLS Secrets. Every change
 * marks the configuration dirty; one thread rebuilds the snapshot from the informers' caches
 * (several changes in a burst give one rebuild), swaps it into the proxy and writes the
 * Ingresses' status. Handlers never do the work themselves.
 */
public final class IngressController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngressController.class);

  private final KubernetesClient client;
  private final IngressControllerOptions options;
  private final IngressProxy proxy;
  private final IngressStatusWriter status;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "ingress-sync");
        t.setDaemon(true);
        return t;
      });
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<Ingress> ingresses;
  private SharedIndexInformer<IngressClass> classes;
  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<EndpointSlice> slices;
  private SharedIndexInformer<Secret> secrets;
  private volatile long syncs;

  IngressController(KubernetesClient client, IngressControllerOptions options,
      IngressProxy proxy, List<String> addresses) {
    this.client = requireNonNull(client, "client should not be null");
    this.options = requireNonNull(options, "options should not be null");
    this.proxy = requireNonNull(proxy, "proxy should not be null");
    this.status = new IngressStatusWriter(client, addresses);
  }

  /** Ensures the default IngressClass, starts the informers and waits for their first list. */
  void start() {
    ensureIngressClass();
    ResourceEventHandler<Object> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(Object obj) {
        markDirty();
      }

      @Override
      public void onUpdate(Object oldObj, Object newObj) {
        markDirty();
      }

      @Override
      public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
        markDirty();
      }
    };
    ingresses = inform(client.network().v1().ingresses().inAnyNamespace().inform(handler(handler),
        0));
    classes = inform(client.network().v1().ingressClasses().inform(handler(handler), 0));
    services = inform(client.services().inAnyNamespace().inform(handler(handler), 0));
    slices = inform(client.discovery().v1().endpointSlices().inAnyNamespace()
        .inform(handler(handler), 0));
    secrets = inform(client.secrets().inAnyNamespace().withField("type", "kubernetes.io/tls")
        .inform(handler(handler), 0));
    markDirty();
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> handler(ResourceEventHandler<Object> h) {
    return (ResourceEventHandler<T>) (ResourceEventHandler<?>) h;
  }

  private <T> SharedIndexInformer<T> inform(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }

  /** Creates the controller's IngressClass, marked as the cluster default, if missing. */
  private void ensureIngressClass() {
    String name = options.className();
    if (client.network().v1().ingressClasses().withName(name).get() != null) {
      return;
    }
    IngressClass c = new IngressClassBuilder().withMetadata(new ObjectMetaBuilder().withName(name)
        .withAnnotations(Map.of(IngressClassFilter.DEFAULT_CLASS_ANNOTATION, "true")).build())
        .withNewSpec().withController(IngressControllerOptions.CONTROLLER_NAME).endSpec().build();
    try {
      client.network().v1().ingressClasses().resource(c).create();
      log.atInfo().addKeyValue("ingressClass", name).log("default IngressClass created");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) { // another replica created it first
        throw e;
      }
    }
  }

  private void markDirty() {
    if (dirty.compareAndSet(false, true)) {
      worker.execute(this::sync);
    }
  }

  private void sync() {
    if (!dirty.getAndSet(false) || !synced()) {
      if (!synced()) {
        retryLater();
      }
      return;
    }
    try {
      List<IngressClass> cs = classes.getStore().list();
      List<Ingress> ours = ingresses.getStore().list().stream()
          .filter(i -> IngressClassFilter.ours(i, cs, IngressControllerOptions.CONTROLLER_NAME))
          .toList();
      IngressSnapshot s = SnapshotBuilder.build(ours, services.getStore().list(),
          slices.getStore().list(), secrets.getStore().list());
      proxy.update(s);
      syncs++;
      if (!status.sync(ours)) {
        retryLater();
      }
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("error", e.toString()).log("ingress sync failed; retrying");
      retryLater();
    }
  }

  private void retryLater() {
    worker.schedule(this::markDirty, 1, TimeUnit.SECONDS);
  }

  private boolean synced() {
    return informers.size() == 5 && informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** How many snapshots have been swapped in; tests wait on it instead of sleeping. */
  public long syncs() {
    return syncs;
  }

  public IngressProxy proxy() {
    return proxy;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    worker.shutdownNow();
  }
}

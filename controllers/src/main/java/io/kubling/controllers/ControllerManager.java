package io.kubling.controllers;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.component.controller.Controller;
import io.kubling.component.leaderelection.LeaderCallbacks;
import io.kubling.component.leaderelection.Campaign;
import io.kubling.component.server.ComponentServer;
import io.kubling.controllers.daemonset.DaemonSetController;
import io.kubling.controllers.deployment.DeploymentController;
import io.kubling.controllers.endpoints.EndpointSliceController;
import io.kubling.controllers.endpoints.EndpointsController;
import io.kubling.controllers.garbagecollector.GarbageCollectorController;
import io.kubling.controllers.namespace.NamespaceController;
import io.kubling.controllers.nodeipam.NodeIpamController;
import io.kubling.controllers.nodelifecycle.NodeLifecycleController;
import io.kubling.controllers.replicaset.ReplicaSetController;
import io.kubling.controllers.serviceaccount.ServiceAccountController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-controller-manager: runs the enabled controllers over shared informers while this
 * instance holds the leader Lease, and serves /healthz and /metrics throughout.
 */
public final class ControllerManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);

  /** Controller factories by name, in {@link ControllerManagerOptions#ALL}'s order. */
  static final Map<String, Function<ControllerContext, Controller>> FACTORIES = factories();

  private final ControllerManagerOptions options;
  private final KubernetesClient client;
  private final ComponentServer server;
  private final Campaign election;
  private final List<Controller> running = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Informers informers;
  private ExecutorService writes;
  private volatile boolean leading;
  private boolean closed;

  public ControllerManager(ControllerManagerOptions options, KubernetesClient client,
      String identity) {
    this.options = requireNonNull(options, "options should not be null");
    this.client = requireNonNull(client, "client should not be null");
    this.server = new ComponentServer(options.component().bindAddress(),
        options.component().healthzPort());
    // Like kube-controller-manager, /healthz stays ok while standing by; leaders check caches.
    server.healthCheck("informer-sync", this::synced);
    this.election = new Campaign(client, options.component().leaderElection(), identity,
        new LeaderCallbacks() {
          @Override
          public void onStartLeading() {
            startControllersRetrying();
          }

          @Override
          public void onStopLeading() {
            stopControllers();
          }
        });
  }

  private static Map<String, Function<ControllerContext, Controller>> factories() {
    Map<String, Function<ControllerContext, Controller>> m = new LinkedHashMap<>();
    m.put("namespace", NamespaceController::create);
    m.put("serviceaccount", ServiceAccountController::create);
    m.put("garbagecollector", GarbageCollectorController::create);
    m.put("replicaset", ReplicaSetController::create);
    m.put("deployment", DeploymentController::create);
    m.put("endpoint", EndpointsController::create);
    m.put("endpointslice", EndpointSliceController::create);
    m.put("nodeipam", NodeIpamController::create);
    m.put("nodelifecycle", NodeLifecycleController::create);
    m.put("daemonset", DaemonSetController::create);
    m.put("servicelb", io.kubling.controllers.servicelb.ServiceLbController::create);
    m.put("root-ca-cert-publisher",
        io.kubling.controllers.rootcacertpublisher.RootCaCertPublisher::create);
    return m;
  }

  /** Starts the health server and campaigns; controllers start once this instance leads. */
  public synchronized ControllerManager start() {
    server.start();
    election.start();
    return this;
  }

  public int healthzPort() {
    return server.port();
  }

  public boolean isLeading() {
    return leading;
  }

  public Campaign election() {
    return election;
  }

  /** The running controllers (empty when not leading). */
  public List<Controller> controllers() {
    return List.copyOf(running);
  }

  private boolean synced() {
    List<Controller> cs = controllers();
    return !leading || cs.stream().allMatch(Controller::hasSynced);
  }

  /**
   * A controller whose informers failed their first list (an API server too busy to answer
   * in time) would otherwise leave a leader that runs only some controllers for good: all
   * are stopped and started again, after 2 s doubling to 30 s, up to 10 times.
   */
  private void startControllersRetrying() {
    for (int attempt = 1; ; attempt++) {
      try {
        startControllers();
        return;
      } catch (IllegalStateException e) {
        stopControllers();
        synchronized (this) {
          if (closed || attempt >= 10) {
            throw e;
          }
        }
        log.atWarn().addKeyValue("attempt", attempt).log("starting the controllers again");
        try {
          Thread.sleep(Math.min(30_000L, 1000L << attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private synchronized void startControllers() {
    if (closed) {
      return;
    }
    leading = true;
    informers = new Informers(client);
    AtomicInteger n = new AtomicInteger();
    writes = Executors.newFixedThreadPool(64, r -> {
      Thread t = new Thread(r, "controller-writes-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ControllerContext ctx = new ControllerContext(client, informers, options, writes);
    List<Controller> built = new ArrayList<>();
    FACTORIES.forEach((name, factory) -> {
      if (options.enabled(name)) {
        Controller c = factory.apply(ctx);
        if (c != null) { // a controller with nothing to do (no --root-ca-file) is not built
          built.add(c);
        }
      }
    });
    for (Controller c : built) {
      try {
        c.start();
      } catch (Exception e) {
        log.atError().addKeyValue("controller", c.name()).addKeyValue("error", e.toString())
            .log("controller did not start");
        throw new IllegalStateException("controller " + c.name() + " did not start", e);
      }
      running.add(c);
      server.metrics(c.metrics());
    }
    log.atInfo().addKeyValue("controllers", built.stream().map(Controller::name).toList())
        .log("leading; controllers started");
  }

  private synchronized void stopControllers() {
    if (!leading) {
      return;
    }
    leading = false;
    for (Controller c : running) {
      try {
        c.stop(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    running.clear();
    if (informers != null) {
      informers.close();
    }
    if (writes != null) {
      writes.shutdownNow();
    }
    log.atInfo().log("not leading; controllers stopped");
  }

  /** Stops the controllers, releases the Lease and stops the health server (not the client). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopControllers();
    election.close();
    server.close();
  }
}

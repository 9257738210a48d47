package io.kubling.component.leaderelection;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubling.component.config.LeaderElectionOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one active instance of a component through a coordination.k8s.io/v1 Lease, using
 * fabric8's LeaderElector; with --leader-elect=false the component simply leads at once.
 *
 * <p>An election runs once: after leadership is lost it does not try again, because the
 * component is expected to exit (as Kubernetes' components do) and start afresh.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  private final KubernetesClient client;
  private final LeaderElectionOptions options;
  private final String identity;
  private final LeaderCallbacks callbacks;
  private final ExecutorService callbackThread;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile String leader;
  private volatile Thread callbackRunner;
  private CompletableFuture<?> election;
  private boolean started;
  private boolean closed;

  public LeaderElection(KubernetesClient client, LeaderElectionOptions options, String identity,
      LeaderCallbacks callbacks) {
    this.client = requireNonNull(client, "client should not be null");
    this.options = requireNonNull(options, "options should not be null");
    this.identity = requireNonNull(identity, "identity should not be null");
    this.callbacks = requireNonNull(callbacks, "callbacks should not be null");
    // fabric8 calls back while holding its elector's lock; handing the user's callbacks to a
    // thread of our own keeps a slow onStartLeading from delaying lease renewals.
    this.callbackThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "leader-election-" + options.resourceName());
      t.setDaemon(true);
      callbackRunner = t;
      return t;
    });
  }

  /** Kubernetes' default identity: the host name and a random suffix, unique per process. */
  public static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "_" + UUID.randomUUID();
  }

  /** Starts campaigning in the background (or leads at once when election is off). */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("leader election " + identity + " was already started");
    }
    started = true;
    if (!options.leaderElect()) {
      log.atInfo().addKeyValue("identity", identity).log("leader election off; leading at once");
      startLeading();
      return;
    }
    LeaderElectionConfig config = new LeaderElectionConfigBuilder()
        .withName(options.resourceName())
        .withLock(new LeaseLock(options.resourceNamespace(), options.resourceName(), identity))
        .withLeaseDuration(options.leaseDuration())
        .withRenewDeadline(options.renewDeadline())
        .withRetryPeriod(options.retryPeriod())
        // Releasing on close lets a successor take over at once instead of after the lease.
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new io.fabric8.kubernetes.client.extended.leaderelection
            .LeaderCallbacks(this::startLeading, this::stopLeading, this::newLeader))
        .build();
    log.atInfo().addKeyValue("identity", identity)
        .addKeyValue("lease", options.resourceNamespace() + "/" + options.resourceName())
        .log("campaigning for leadership");
    election = client.leaderElector().withConfig(config).build().start();
    election.whenComplete((v, t) -> {
      if (t != null && !(t instanceof CancellationException)) {
        log.atWarn().addKeyValue("identity", identity).addKeyValue("error", t.toString())
            .log("leader election ended with an error");
      }
      // However the election ended, this candidate leads no more.
      stopLeading();
    });
  }

  public boolean isLeader() {
    return leading.get();
  }

  /** The leader last observed, if any. */
  public Optional<String> leader() {
    return Optional.ofNullable(leader);
  }

  public String identity() {
    return identity;
  }

  /** Stops campaigning and, when leading, releases the Lease and calls onStopLeading. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (election != null) {
      // Cancelling runs fabric8's release of the Lease on this thread before returning.
      election.cancel(true);
    }
    stopLeading();
    callbackThread.shutdown();
    if (Thread.currentThread() == callbackRunner) {
      return; // closed from a callback: waiting for the callbacks would wait for ourselves
    }
    try {
      if (!callbackThread.awaitTermination(10, TimeUnit.SECONDS)) {
        log.atWarn().addKeyValue("identity", identity).log("leader callbacks still running at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void startLeading() {
    if (leading.compareAndSet(false, true)) {
      leader = identity;
      log.atInfo().addKeyValue("identity", identity).log("started leading");
      dispatch("onStartLeading", callbacks::onStartLeading);
    }
  }

  // fabric8 may report the end of leadership twice (on seeing a new holder and on stopping);
  // the flag turns that into exactly one onStopLeading.
  private void stopLeading() {
    if (leading.compareAndSet(true, false)) {
      log.atInfo().addKeyValue("identity", identity).log("stopped leading");
      dispatch("onStopLeading", callbacks::onStopLeading);
    }
  }

  private void newLeader(String holder) {
    leader = holder;
    log.atInfo().addKeyValue("identity", identity).addKeyValue("leader", holder)
        .log("new leader observed");
    dispatch("onNewLeader", () -> callbacks.onNewLeader(holder));
  }

  private void dispatch(String what, Runnable callback) {
    try {
      callbackThread.execute(() -> {
        try {
          callback.run();
        } catch (RuntimeException e) {
          log.atError().addKeyValue("identity", identity).addKeyValue("callback", what)
              .setCause(e).log("leader callback failed");
        }
      });
    } catch (RejectedExecutionException e) {
      log.atDebug().addKeyValue("callback", what).log("leader callback after close dropped");
    }
  }
}

package io.kubling.component.leaderelection;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubling.component.config.LeaderElectionOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private final Leadership leadership;
  private final ScheduledExecutorService electionThreads;
  private final RenewalTrackingLock lock;
  private volatile CompletableFuture<?> election;
  private boolean started;
  private boolean closed;

  public LeaderElection(KubernetesClient client, LeaderElectionOptions options, String identity,
      LeaderCallbacks callbacks) {
    this.client = requireNonNull(client, "client should not be null");
    this.options = requireNonNull(options, "options should not be null");
    this.identity = requireNonNull(identity, "identity should not be null");
    this.leadership = new Leadership(identity, options.resourceName(),
        requireNonNull(callbacks, "callbacks should not be null"));
    this.lock = new RenewalTrackingLock(
        new LeaseLock(options.resourceNamespace(), options.resourceName(), identity));
    // Not the client's executor: closing a client shuts that down, which would silently end
    // fabric8's renew loop. Two threads, so the renewal watchdog runs even while a renew
    // request hangs on the other.
    this.electionThreads = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "leader-election-" + options.resourceName());
      t.setDaemon(true);
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
      leadership.startLeading();
      return;
    }
    LeaderElectionConfig config = new LeaderElectionConfigBuilder()
        .withName(options.resourceName())
        .withLock(lock)
        .withLeaseDuration(options.leaseDuration())
        .withRenewDeadline(options.renewDeadline())
        .withRetryPeriod(options.retryPeriod())
        // Releasing on close lets a successor take over at once instead of after the lease.
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new io.fabric8.kubernetes.client.extended.leaderelection
            .LeaderCallbacks(leadership::startLeading, leadership::stopLeading,
                leadership::newLeader))
        .build();
    log.atInfo().addKeyValue("identity", identity)
        .addKeyValue("lease", options.resourceNamespace() + "/" + options.resourceName())
        .log("campaigning for leadership");
    election = new LeaderElector(client, config, electionThreads).start();
    election.whenComplete((v, t) -> {
      if (t != null && !(t instanceof CancellationException)) {
        log.atWarn().addKeyValue("identity", identity).addKeyValue("error", t.toString())
            .log("leader election ended with an error");
      }
      leadership.stopLeading(); // however the election ended, this candidate leads no more
    });
    long period = options.retryPeriod().toMillis();
    electionThreads.scheduleWithFixedDelay(this::checkRenewal, period, period,
        TimeUnit.MILLISECONDS);
  }

  public boolean isLeader() {
    return leadership.isLeading();
  }

  /** The leader last observed, if any. */
  public Optional<String> leader() {
    return Optional.ofNullable(leadership.leader());
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
    leadership.stopLeading();
    electionThreads.shutdownNow();
    leadership.close();
  }

  // fabric8 checks the renew deadline only between attempts, so one renewal hanging on a dead
  // connection would keep a stale leader; like client-go, step down once the deadline passes.
  private void checkRenewal() {
    if (leadership.isLeading() && lock.nanosSinceRenewal() > options.renewDeadline().toNanos()) {
      log.atWarn().addKeyValue("identity", identity)
          .addKeyValue("renewDeadline", options.renewDeadline())
          .log("lease not renewed within the renew deadline; stepping down");
      leadership.stopLeading();
      election.cancel(true);
    }
  }
}

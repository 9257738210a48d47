package io.kubling.scheduler;

import io.kubling.scheduler.framework.NodeInfo;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.leaderelection.Campaign;
import io.kubling.component.leaderelection.LeaderCallbacks;
import io.kubling.component.leaderelection.LeaderElection;
import io.kubling.component.server.ComponentServer;
import io.kubling.scheduler.json.PodDecoding;
import io.kubling.scheduler.metrics.SchedulerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler process: its API client, /healthz and /metrics, and leader election around the
 * {@link Scheduler}. Only the leader schedules; a leader that loses its Lease stops scheduling
 * at once and campaigns again, so two instances never schedule side by side.
 */
public final class SchedulerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SchedulerServer.class);

  private final SchedulerOptions options;
  private final KubernetesClient client;
  private final SchedulerMetrics metrics;
  private final ComponentServer http;
  private final String identity;
  private Campaign election;
  private Scheduler scheduler;
  private boolean closed;

  private SchedulerServer(SchedulerOptions options, KubernetesClient client) {
    this.options = options;
    this.client = client;
    this.metrics = new SchedulerMetrics(options.schedulerName());
    this.identity = LeaderElection.defaultIdentity();
    this.http = new ComponentServer(options.component().bindAddress(),
        options.component().healthzPort());
  }

  /** Connects as the options say, serves /healthz and /metrics, and starts campaigning. */
  public static SchedulerServer start(SchedulerOptions options) {
    requireNonNull(options, "options should not be null");
    KubernetesClient client = KubeClients.create(options.component(),
        // Every pod event is watched: pods are decoded only as far as scheduling reads.
        ClientSettings.defaults("scheduler").withDecoding(PodDecoding.module()));
    SchedulerServer s = new SchedulerServer(options, client);
    try {
      s.http.healthCheck("ping", () -> true).metrics(s.metrics).start();
      s.campaign();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    log.atInfo().addKeyValue("scheduler", options.schedulerName())
        .addKeyValue("identity", s.identity).addKeyValue("healthzPort", s.http.port())
        .log("scheduler server started");
    return s;
  }

  private synchronized void campaign() {
    if (closed) {
      return;
    }
    Campaign c = new Campaign(client, options.component().leaderElection(), identity,
        new LeaderCallbacks() {
          @Override
          public void onStartLeading() {
            startScheduling();
          }

          @Override
          public void onStopLeading() {
            stopScheduling();
          }
        });
    election = c;
    c.start();
  }

  private synchronized void startScheduling() {
    if (closed || scheduler != null) {
      return;
    }
    Scheduler s = new Scheduler(client, options, metrics);
    scheduler = s;
    try {
      s.start();
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("scheduler did not start");
      scheduler = null;
    }
  }

  private synchronized void stopScheduling() {
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
  }

  public boolean isLeader() {
    Campaign c;
    synchronized (this) {
      c = election;
    }
    return c != null && c.isLeader();
  }

  public synchronized boolean scheduling() {
    return scheduler != null && scheduler.running();
  }

  /**
   * When this instance's informers had synced and it began scheduling (System.nanoTime()), so
   * benchmarks can tell start-up from scheduling; 0 while it is not scheduling.
   */
  public synchronized long schedulingSinceNanos() {
    return scheduler == null ? 0 : scheduler.syncedNanos();
  }

  /** Events this instance has queued or is writing; 0 while it is not scheduling. */
  public synchronized int pendingEvents() {
    return scheduler == null ? 0 : scheduler.pendingEvents();
  }

  public SchedulerMetrics metrics() {
    return metrics;
  }

  public int healthzPort() {
    return http.port();
  }

  public String identity() {
    return identity;
  }

  /** Whether this instance's cache has seen the node cordoned; tests wait on it. */
  synchronized boolean sees(String node, java.util.function.Predicate<NodeInfo> condition) {
    if (scheduler == null) {
      return false;
    }
    NodeInfo info = scheduler.cache().node(node);
    return info != null && condition.test(info);
  }

  /** The API client, so tests can cut this instance off as a crash would. */
  KubernetesClient client() {
    return client;
  }

  /** Stops scheduling, releases the Lease if held, and closes the client. */
  @Override
  public void close() {
    Campaign e;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      e = election;
      election = null;
      if (scheduler != null) {
        scheduler.close();
        scheduler = null;
      }
    }
    if (e != null) {
      e.close();
    }
    http.close();
    client.close();
  }
}

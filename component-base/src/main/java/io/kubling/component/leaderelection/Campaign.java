package io.kubling.component.leaderelection;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.component.config.LeaderElectionOptions;

/**
 * Leader election for as long as a component runs. A {@link LeaderElection} runs once, and a
 * Kubernetes component that loses its lease exits so that its supervisor starts it afresh;
 * kubling's components keep running (in {@code kubling server} they share one process), so
 * after leadership is lost a fresh election campaigns again, as the restarted component
 * would. Without this, a leader that misses one renew deadline on a busy machine would stand
 * by for good with nobody else to take over.
 */
public final class Campaign implements AutoCloseable {
  private final KubernetesClient client;
  private final LeaderElectionOptions options;
  private final String identity;
  private final LeaderCallbacks callbacks;
  private LeaderElection election;
  private int rounds;
  private boolean closed;

  public Campaign(KubernetesClient client, LeaderElectionOptions options, String identity,
      LeaderCallbacks callbacks) {
    this.client = requireNonNull(client, "client should not be null");
    this.options = requireNonNull(options, "options should not be null");
    this.identity = requireNonNull(identity, "identity should not be null");
    this.callbacks = requireNonNull(callbacks, "callbacks should not be null");
  }

  /** Starts the first election. */
  public synchronized void start() {
    if (rounds > 0) {
      throw new IllegalStateException("campaign " + identity + " was already started");
    }
    elect();
  }

  public synchronized boolean isLeader() {
    return election != null && election.isLeader();
  }

  /** Elections started so far: 1 until leadership has been lost once. */
  public synchronized int rounds() {
    return rounds;
  }

  public String identity() {
    return identity;
  }

  private synchronized void elect() {
    if (closed) {
      return;
    }
    rounds++;
    LeaderElection e = new LeaderElection(client, options, identity, new LeaderCallbacks() {
      @Override
      public void onStartLeading() {
        callbacks.onStartLeading();
      }

      @Override
      public void onStopLeading() {
        callbacks.onStopLeading();
        again();
      }

      @Override
      public void onNewLeader(String holder) {
        callbacks.onNewLeader(holder);
      }
    });
    election = e;
    e.start();
  }

  /** Ends the lost election and starts a fresh one, off the callback thread it would join. */
  private void again() {
    LeaderElection lost;
    synchronized (this) {
      if (closed || !options.leaderElect()) {
        return;
      }
      lost = election;
    }
    Thread t = new Thread(() -> {
      lost.close();
      elect();
    }, "leader-election-again-" + options.resourceName());
    t.setDaemon(true);
    t.start();
  }

  /** Stops campaigning and, when leading, releases the Lease and calls onStopLeading. */
  @Override
  public void close() {
    LeaderElection e;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      e = election;
    }
    if (e != null) {
      e.close();
    }
  }
}

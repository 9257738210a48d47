package io.kubling.component.leaderelection;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Wraps fabric8's Lease lock to remember when this candidate last renewed, and to turn every
 * failure into a KubernetesClientException: fabric8's elector loops survive only that kind,
 * and any other (a closed client throws IllegalStateException) ends the loop without ever
 * calling onStopLeading, leaving a leader that believes it still leads.
 */
final class RenewalTrackingLock implements Lock {
  private final Lock delegate;
  private volatile long lastRenewalNanos = System.nanoTime();

  RenewalTrackingLock(Lock delegate) {
    this.delegate = delegate;
  }

  /** Nanoseconds since this candidate last wrote itself into the Lease as holder. */
  long nanosSinceRenewal() {
    return System.nanoTime() - lastRenewalNanos;
  }

  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    return call(() -> delegate.get(client));
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    call(() -> {
      delegate.create(client, record);
      return null;
    });
    renewed(record);
  }

  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    call(() -> {
      delegate.update(client, record);
      return null;
    });
    renewed(record);
  }

  @Override
  public String identity() {
    return delegate.identity();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  private void renewed(LeaderElectionRecord record) {
    if (Objects.equals(record.getHolderIdentity(), identity())) {
      lastRenewalNanos = System.nanoTime();
    }
  }

  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KubernetesClientException("Lease request failed: " + e.getMessage(), e);
    }
  }
}

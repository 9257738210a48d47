package io.kubling.component.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a component elects its leader, named after Kubernetes' --leader-elect-* flags.
 *
 * @param leaderElect whether to elect at all; false runs the component at once
 * @param leaseDuration how long others wait after the last renewal before taking over
 * @param renewDeadline how long the leader keeps retrying a renewal before giving up
 * @param retryPeriod how often candidates try to acquire and the leader renews
 * @param resourceName name of the coordination.k8s.io/v1 Lease
 * @param resourceNamespace namespace of the Lease
 */
public record LeaderElectionOptions(boolean leaderElect, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod, String resourceName, String resourceNamespace) {

  /** fabric8's LeaderElector waits up to 1.2 × retryPeriod between tries. */
  static final double JITTER_FACTOR = 1.2;

  public LeaderElectionOptions {
    requireNonNull(leaseDuration, "leaseDuration should not be null");
    requireNonNull(renewDeadline, "renewDeadline should not be null");
    requireNonNull(retryPeriod, "retryPeriod should not be null");
    requireNonNull(resourceName, "resourceName should not be null");
    requireNonNull(resourceNamespace, "resourceNamespace should not be null");
    if (leaderElect) {
      validate(leaseDuration, renewDeadline, retryPeriod, resourceName, resourceNamespace);
    }
  }

  /** Kubernetes' defaults: 15 s lease, 10 s renew deadline, 2 s retry, Lease in kube-system. */
  public static LeaderElectionOptions defaults(String resourceName) {
    return new LeaderElectionOptions(true, Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2), resourceName, "kube-system");
  }

  public LeaderElectionOptions withLeaderElect(boolean enabled) {
    return new LeaderElectionOptions(enabled, leaseDuration, renewDeadline, retryPeriod,
        resourceName, resourceNamespace);
  }

  public LeaderElectionOptions withTimings(Duration lease, Duration renew, Duration retry) {
    return new LeaderElectionOptions(leaderElect, lease, renew, retry, resourceName,
        resourceNamespace);
  }

  // The same checks kube's component-base makes: a renewal must fit inside the lease, and
  // several retries inside a renewal.
  private static void validate(Duration lease, Duration renew, Duration retry, String name,
      String namespace) {
    if (retry.isNegative() || retry.isZero()) {
      throw new IllegalArgumentException("--leader-elect-retry-period must be greater than zero");
    }
    if (lease.compareTo(renew) <= 0) {
      throw new IllegalArgumentException("--leader-elect-lease-duration (" + GoDuration.format(lease)
          + ") must be greater than --leader-elect-renew-deadline (" + GoDuration.format(renew) + ")");
    }
    if (renew.toNanos() <= JITTER_FACTOR * retry.toNanos()) {
      throw new IllegalArgumentException("--leader-elect-renew-deadline (" + GoDuration.format(renew)
          + ") must be greater than " + JITTER_FACTOR + " × --leader-elect-retry-period ("
          + GoDuration.format(retry) + ")");
    }
    if (name.isBlank() || namespace.isBlank()) {
      throw new IllegalArgumentException(
          "--leader-elect-resource-name and --leader-elect-resource-namespace must not be empty");
    }
  }
}

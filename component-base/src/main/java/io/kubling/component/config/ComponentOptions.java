package io.kubling.component.config;

import static java.util.Objects.requireNonNull;

/**
 * The flags every kubling component shares, as a plain record that {@link ComponentFlags} or
 * the picocli CLI fills.
 *
 * @param kubeconfig path to a kubeconfig file; empty when unset
 * @param master the API server's URL, overriding the kubeconfig's server; empty when unset
 * @param leaderElection whether and how to elect a leader
 * @param bindAddress address the /healthz and /metrics server listens on
 * @param healthzPort port of that server; 0 picks a free one
 */
public record ComponentOptions(String kubeconfig, String master,
    LeaderElectionOptions leaderElection, String bindAddress, int healthzPort) {

  public ComponentOptions {
    requireNonNull(kubeconfig, "kubeconfig should not be null");
    requireNonNull(master, "master should not be null");
    requireNonNull(leaderElection, "leaderElection should not be null");
    requireNonNull(bindAddress, "bindAddress should not be null");
    if (healthzPort < 0 || healthzPort > 65535) {
      throw new IllegalArgumentException("--healthz-port must be 0-65535, got " + healthzPort);
    }
  }

  /**
   * Defaults for a component: no kubeconfig or master, leader election on with a Lease named
   * after the component in kube-system, listening on all addresses.
   */
  public static ComponentOptions defaults(String component, int healthzPort) {
    return new ComponentOptions("", "", LeaderElectionOptions.defaults(component), "0.0.0.0",
        healthzPort);
  }

  public ComponentOptions withMaster(String url) {
    return new ComponentOptions(kubeconfig, url, leaderElection, bindAddress, healthzPort);
  }

  public ComponentOptions withLeaderElection(LeaderElectionOptions options) {
    return new ComponentOptions(kubeconfig, master, options, bindAddress, healthzPort);
  }

  public ComponentOptions withHealthz(String address, int port) {
    return new ComponentOptions(kubeconfig, master, leaderElection, address, port);
  }
}

package io.kubling.scheduler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.component.config.LeaderElectionOptions;
import io.kubling.testkit.EtcdServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real etcd and the real kubling API server on free loopback ports, for one test class. */
final class TestCluster implements AutoCloseable {
  private final EtcdServer etcd;
  private final ApiServer server;

  TestCluster() {
    etcd = EtcdServer.start("scheduler-test");
    try {
      server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0))
          .start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      etcd.close();
      throw new IllegalStateException("API server did not start", e);
    }
  }

  String url() {
    return server.url();
  }

  KubernetesClient newClient() {
    return KubeClients.forMaster(url(), ClientSettings.defaults("scheduler-test"));
  }

  /** Options for a scheduler against this cluster: free healthz port, election as given. */
  SchedulerOptions options(String schedulerName, boolean leaderElect) {
    LeaderElectionOptions le = LeaderElectionOptions.defaults("scheduler-" + schedulerName)
        .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500))
        .withLeaderElect(leaderElect);
    ComponentOptions c = ComponentOptions.defaults("kube-scheduler", 0).withMaster(url())
        .withLeaderElection(le).withHealthz("127.0.0.1", 0);
    return SchedulerOptions.defaults().withComponent(c).withSchedulerName(schedulerName);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      etcd.close();
    }
  }
}

package io.kubling.controllers.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import io.kubling.testkit.EtcdServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real etcd and API server, the test stand-ins for scheduler and node agent, and controller
 * managers started on demand: one class's cluster.
 */
public final class ControllerCluster implements AutoCloseable {
  private final EtcdServer etcd;
  private final ApiServer server;
  public final KubernetesClient client;
  public final TestScheduler scheduler;
  public final TestKubelet kubelet;
  private final List<AutoCloseable> managers = new ArrayList<>();

  public ControllerCluster() {
    etcd = EtcdServer.start("controllers-test");
    try {
      server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0))
          .start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      etcd.close();
      throw new IllegalStateException("API server did not start", e);
    }
    client = newClient("test");
    scheduler = new TestScheduler(client);
    kubelet = new TestKubelet(client);
  }

  public String url() {
    return server.url();
  }

  public KubernetesClient newClient(String agent) {
    return KubeClients.forMaster(url(), ClientSettings.defaults(agent));
  }

  /** Options for a manager of this cluster: no leader election, /healthz on a free port. */
  public ControllerManagerOptions options() {
    ComponentOptions c = ComponentOptions.defaults(ControllerManagerOptions.NAME, 0)
        .withMaster(url()).withHealthz("127.0.0.1", 0);
    c = c.withLeaderElection(c.leaderElection().withLeaderElect(false));
    return ControllerManagerOptions.defaults(c).withApiServerUrl(url());
  }

  /** Starts a controller manager with its own client; closed with the cluster. */
  public ControllerManager startManager(String identity,
      UnaryOperator<ControllerManagerOptions> tweak) {
    KubernetesClient c = newClient("controller-manager");
    ControllerManager m = new ControllerManager(tweak.apply(options()), c, identity);
    managers.add(c);
    managers.add(m);
    return m.start();
  }

  public ControllerManager startManager() {
    return startManager("test-manager", o -> o);
  }

  @Override
  public void close() {
    for (int i = managers.size() - 1; i >= 0; i--) {
      try {
        managers.get(i).close();
      } catch (Exception e) {
        // keep closing
      }
    }
    kubelet.close();
    scheduler.close();
    client.close();
    server.close();
    etcd.close();
  }
}

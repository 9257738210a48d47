package io.kubling.e2e.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import io.kubling.scheduler.SchedulerOptions;
import io.kubling.scheduler.SchedulerServer;
import io.kubling.testkit.EtcdServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One test class's cluster, all real and in this JVM: etcd, the API server, the scheduler,
 * fake-runtime node agents ({@link FakeAgents}) and controller managers started on demand.
 */
final class ControlPlane implements AutoCloseable {
  private final EtcdServer etcd;
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final ApiServer server;
  final KubernetesClient client;
  final SchedulerServer scheduler;
  final FakeAgents nodes;

  ControlPlane() {
    etcd = EtcdServer.start("e2e-controllers");
    try {
      server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0))
          .start().get(60, TimeUnit.SECONDS);
      closers.add(server::close);
      client = newClient("test");
      closers.add(client);
      ComponentOptions c = ComponentOptions.defaults("kube-scheduler", 0).withMaster(url())
          .withHealthz("127.0.0.1", 0);
      scheduler = SchedulerServer.start(SchedulerOptions.defaults().withComponent(
          c.withLeaderElection(c.leaderElection().withLeaderElect(false))));
      closers.add(scheduler);
      nodes = new FakeAgents(newClient("fake-agents"));
      closers.add(nodes);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("control plane did not start", e);
    }
  }

  String url() {
    return server.url();
  }

  KubernetesClient newClient(String agent) {
    return KubeClients.forMaster(url(), ClientSettings.defaults(agent));
  }

  /** Options for a manager of this cluster: no leader election, /healthz on a free port. */
  ControllerManagerOptions options() {
    ComponentOptions c = ComponentOptions.defaults(ControllerManagerOptions.NAME, 0)
        .withMaster(url()).withHealthz("127.0.0.1", 0);
    c = c.withLeaderElection(c.leaderElection().withLeaderElect(false));
    return ControllerManagerOptions.defaults(c).withApiServerUrl(url());
  }

  /** Starts a controller manager with its own client; stopped with the cluster. */
  ControllerManager startManager(String identity, UnaryOperator<ControllerManagerOptions> tweak) {
    KubernetesClient c = newClient("controller-manager");
    closers.add(c);
    ControllerManager m = new ControllerManager(tweak.apply(options()), c, identity);
    closers.add(m);
    return m.start();
  }

  ControllerManager startManager() {
    return startManager("test-manager", o -> o);
  }

  /** Stops everything, newest first: managers and agents before the API server and etcd. */
  @Override
  public void close() {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    etcd.close();
  }
}

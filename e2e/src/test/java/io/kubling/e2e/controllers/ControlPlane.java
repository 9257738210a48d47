package io.kubling.e2e.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import io.kubling.e2e.secure.Identity;
import io.kubling.e2e.secure.SecureCluster;
import io.kubling.scheduler.SchedulerOptions;
import io.kubling.scheduler.SchedulerServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One test class's cluster, all real and in this JVM: etcd and the API server
 * ({@link SecureCluster}), the scheduler, fake-runtime node agents ({@link FakeAgents}) and
 * controller managers started on demand, each with its own identity.
 */
final class ControlPlane implements AutoCloseable {
  private final SecureCluster cluster;
  private final List<AutoCloseable> closers = new ArrayList<>();
  /** The admin's client: what the tests do themselves. */
  final KubernetesClient client;
  final SchedulerServer scheduler;
  final FakeAgents nodes;

  ControlPlane() {
    cluster = SecureCluster.start("e2e-controllers");
    try {
      client = cluster.admin();
      scheduler = SchedulerServer.start(SchedulerOptions.defaults().withComponent(
          cluster.component("kube-scheduler", Identity.SCHEDULER)));
      closers.add(scheduler);
      nodes = new FakeAgents(client,
          name -> cluster.newClient(Identity.node(name), "fake-agent-" + name));
      closers.add(nodes);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("control plane did not start", e);
    }
  }

  String url() {
    return cluster.url();
  }

  /** The admin's kubeconfig, for kubectl. */
  Path kubeconfig() {
    return cluster.kubeconfig(Identity.ADMIN);
  }

  /** Options for a manager of this cluster: no leader election, /healthz on a free port. */
  ControllerManagerOptions options() {
    return ControllerManagerOptions.defaults(cluster.component(ControllerManagerOptions.NAME,
        Identity.CONTROLLER_MANAGER)).withApiServerUrl(url())
        .withRootCaFile(cluster.rootCaFile());
  }

  /** Starts a controller manager with its own client; stopped with the cluster. */
  ControllerManager startManager(String identity, UnaryOperator<ControllerManagerOptions> tweak) {
    ControllerManagerOptions options = tweak.apply(options());
    KubernetesClient c = KubeClients.create(options.component(),
        ClientSettings.defaults("controller-manager"));
    closers.add(c);
    ControllerManager m = new ControllerManager(options, c, identity);
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
    cluster.close();
  }
}

package io.kubling.agent;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.testkit.EtcdServer;
import java.util.concurrent.TimeUnit;

/** A real etcd and the real kubling API server on free loopback ports, for one test class. */
public final class AgentTestCluster implements AutoCloseable {
  private final EtcdServer etcd;
  private final ApiServer server;

  public AgentTestCluster() {
    this(o -> o);
  }

  /** With the API server's options changed by tweak, e.g. a service-account signing key. */
  public AgentTestCluster(java.util.function.UnaryOperator<ApiServerOptions> tweak) {
    etcd = EtcdServer.start("proxy-agent-test");
    try {
      server = new ApiServer(tweak.apply(ApiServerOptions.defaults(etcd.clientEndpoints())
          .withPort(0))).start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      etcd.close();
      throw new IllegalStateException("API server did not start", e);
    }
  }

  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  public KubernetesClient newClient(String component) {
    return KubeClients.forMaster(url(), ClientSettings.defaults(component));
  }

  /** The scheduler's job, done by hand: POST the pod's binding to a node. */
  public static void bind(KubernetesClient client, Pod pod, String node) {
    Binding b = new BindingBuilder().withNewMetadata().withName(pod.getMetadata().getName())
        .withNamespace(pod.getMetadata().getNamespace()).endMetadata()
        .withNewTarget().withKind("Node").withApiVersion("v1").withName(node).endTarget().build();
    client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(b).create();
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

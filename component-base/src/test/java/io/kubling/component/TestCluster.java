package io.kubling.component;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.testkit.EtcdServer;
import java.util.concurrent.TimeUnit;

/** A real etcd and the real kubling API server on free loopback ports, for one test class. */
public final class TestCluster implements AutoCloseable {
  private final EtcdServer etcd;
  private final ApiServer server;

  public TestCluster() {
    etcd = EtcdServer.start("component-base-test");
    try {
      server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0))
          .start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      etcd.close();
      throw new IllegalStateException("API server did not start", e);
    }
  }

  public String url() {
    return server.url();
  }

  /** A new client for the API server; the caller closes it. */
  public KubernetesClient newClient(String component) {
    return KubeClients.forMaster(url(), ClientSettings.defaults(component));
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

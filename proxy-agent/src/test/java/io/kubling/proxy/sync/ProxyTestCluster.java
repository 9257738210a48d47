package io.kubling.proxy.sync;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.testkit.EtcdServer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd and API server for the sync-loop tests, and helpers to write Services and — as a
 * stand-in for the endpoints controller, which is not on this branch — EndpointSlices.
 */
final class ProxyTestCluster implements AutoCloseable {
  private final EtcdServer etcd;
  private final ApiServer server;
  final KubernetesClient client;

  ProxyTestCluster() {
    etcd = EtcdServer.start("proxy-test");
    try {
      server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0))
          .start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      etcd.close();
      throw new IllegalStateException("API server did not start", e);
    }
    client = KubeClients.forMaster(server.url(), ClientSettings.defaults("proxy-test"));
  }

  Service createService(String name, String type, String sessionAffinity) {
    return createService(name, type, sessionAffinity, null);
  }

  /** @param clusterIP "None" for a headless service; null to have one allocated */
  Service createService(String name, String type, String sessionAffinity, String clusterIP) {
    return client.services().inNamespace("default").resource(new ServiceBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withType(type).withSessionAffinity(sessionAffinity).withClusterIP(clusterIP)
        .addNewPort().withName("http").withPort(80).withProtocol("TCP")
        .withTargetPort(new IntOrString(8080)).endPort()
        .endSpec().build()).create();
  }

  /** Writes the service's one EndpointSlice: these pod IPs on port 8080, the unready ones so. */
  void writeEndpointSlice(String service, List<String> readyIPs, List<String> unreadyIPs) {
    EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata()
        .withName(service + "-stand-in").withNamespace("default")
        .addToLabels("kubernetes.io/service-name", service).endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort();
    for (String ip : readyIPs) {
      b.addNewEndpoint().withAddresses(ip).withNodeName("node-1").withNewConditions()
          .withReady(true).endConditions().endEndpoint();
    }
    for (String ip : unreadyIPs) {
      b.addNewEndpoint().withAddresses(ip).withNodeName("node-1").withNewConditions()
          .withReady(false).endConditions().endEndpoint();
    }
    EndpointSlice slice = b.build();
    client.discovery().v1().endpointSlices().inNamespace("default").resource(slice)
        .createOr(r -> r.update());
  }

  @Override
  public void close() {
    try {
      client.close();
      server.close();
    } finally {
      etcd.close();
    }
  }
}

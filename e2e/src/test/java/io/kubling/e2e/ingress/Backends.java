package io.kubling.e2e.ingress;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.builtin.BuiltinMain;
import io.kubling.agent.host.NodeHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backend instances for the e2e test: one echo HTTP server process per instance in a node
 * namespace, and the Service plus one EndpointSlice per instance that the test writes itself
 * (no scheduler, agents or endpoint controller run in this test).
 */
final class Backends {
  private final NodeHosts bed;
  private final KubernetesClient client;
  private final Path logs;
  private final Map<String, Process> processes = new HashMap<>();

  Backends(NodeHosts bed, KubernetesClient client, Path logs) {
    this.bed = bed;
    this.client = client;
    this.logs = logs;
  }

  /** A selector-less Service with port 80 named http. */
  void service(String name) {
    client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata()
        .withName(name).endMetadata().withNewSpec().addNewPort().withName("http").withPort(80)
        .withTargetPort(new IntOrString(8080)).endPort().endSpec().build()).create();
  }

  /** Starts instance on node:port answering its name, without publishing it. */
  void start(String instance, int node, int port) throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), BuiltinMain.class.getName(), "echo",
        Integer.toString(port), instance);
    processes.put(instance, bed.startInNode(node, cmd, logs.resolve(instance + ".log")));
  }

  /** Publishes instance as a ready (or not ready) endpoint of service, in its own slice. */
  void publish(String service, String instance, int node, int port, boolean ready) {
    client.discovery().v1().endpointSlices().inNamespace("default").resource(
        new EndpointSliceBuilder().withNewMetadata().withName(service + "-" + instance)
            .withLabels(Map.of("kubernetes.io/service-name", service)).endMetadata()
            .withAddressType("IPv4").addNewPort().withName("http").withPort(port)
            .withProtocol("TCP").endPort().addNewEndpoint()
            .withAddresses(NodeHosts.nodeIp(node)).withNewConditions().withReady(ready)
            .endConditions().endEndpoint().build()).createOr(e -> e.update());
  }

  void unpublish(String service, String instance) {
    client.discovery().v1().endpointSlices().inNamespace("default")
        .withName(service + "-" + instance).delete();
  }

  void stop(String instance) throws InterruptedException {
    Process p = processes.remove(instance);
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      p.waitFor();
    }
  }
}

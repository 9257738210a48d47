package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubectl describe pod|node|deployment|daemonset|service, each with the core/v1 Events
 * stored about it, as the components that would record them (scheduler, kubelet,
 * controllers) are not there yet.
 */
abstract class KubectlDescribe extends KubectlSuite {
  private FakeKubelet kubelet;

  KubectlDescribe(Client client) {
    super(client);
  }

  @BeforeAll
  void objects() {
    Fixtures.node(k.api, "node01", "10.0.0.11", "worker");
    kubelet = FakeKubelet.start(k, "node01");
    k.okWithInput(Manifests.FRONTEND, "apply", "-f", "-");
  }

  @AfterAll
  void stopKubelet() {
    if (kubelet != null) {
      kubelet.close();
    }
  }

  @Test
  void describePod() {
    JsonNode pod = Fixtures.pod(k.api, "default", "web", "node01", "nginx:1.25",
        "{\"app\":\"frontend\"}", null);
    Fixtures.event(k.api, pod, "Normal", "Scheduled", "default-scheduler",
        "Successfully assigned default/web to node01");
    Fixtures.event(k.api, pod, "Warning", "BackOff", "kubelet",
        "Back-off pulling image nginx:1.25");
    String out = awaitRunning("web");
    assertThat(Describe.field(out, "Name")).isEqualTo("web");
    assertThat(Describe.field(out, "Namespace")).isEqualTo("default");
    assertThat(Describe.field(out, "Node")).isEqualTo("node01/10.0.0.11");
    assertThat(Describe.field(out, "Labels")).isEqualTo("app=frontend");
    assertThat(Describe.field(out, "IP")).matches("10\\.244\\.1\\.\\d+");
    assertThat(Describe.field(out, "    Image")).isEqualTo("nginx:1.25");
    assertThat(Describe.field(out, "    Ready")).isEqualTo("True");
    assertThat(Describe.field(out, "QoS Class")).isEqualTo("BestEffort");
    Table events = Describe.events(out);
    assertThat(events.columns()).isEqualTo(Describe.EVENT_COLUMNS);
    assertThat(events.rows()).extracting(r -> r.get("Type") + " " + r.get("Reason") + " "
        + r.get("From") + " " + r.get("Message")).containsExactlyInAnyOrder(
        "Normal Scheduled default-scheduler Successfully assigned default/web to node01",
        "Warning BackOff kubelet Back-off pulling image nginx:1.25");
  }

  private String awaitRunning(String pod) {
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Describe.field(k.ok("describe", "pod", pod), "Status").equals("Running"));
    return k.ok("describe", "pod", pod);
  }

  @Test
  void describeNode() {
    JsonNode node = k.api.object("/api/v1/nodes/node01");
    Fixtures.event(k.api, node, "Normal", "NodeReady", "kubelet",
        "Node node01 status is now: NodeReady");
    String out = k.ok("describe", "node", "node01");
    assertThat(Describe.field(out, "Name")).isEqualTo("node01");
    assertThat(Describe.field(out, "Roles")).isEqualTo("worker");
    assertThat(Describe.field(out, "Taints")).isEqualTo("<none>");
    assertThat(Describe.field(out, "Unschedulable")).isEqualTo("false");
    assertThat(Describe.field(out, "  InternalIP")).isEqualTo("10.0.0.11");
    assertThat(Describe.field(out, "  Kubelet Version")).isEqualTo("v1.32.0");
    assertThat(Describe.field(out, "  HolderIdentity")).isEqualTo("node01");
    assertThat(out).containsPattern("(?m)^  Ready +True +.* KubeletReady +kubelet is posting");
    Table events = Describe.events(out);
    assertThat(events.rows()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("Reason", "NodeReady").containsEntry("From", "kubelet")
        .containsEntry("Message", "Node node01 status is now: NodeReady"));
  }

  @Test
  void describeDeployment() {
    JsonNode d = k.api.object("/apis/apps/v1/namespaces/default/deployments/frontend");
    Fixtures.event(k.api, d, "Normal", "ScalingReplicaSet", "deployment-controller",
        "Scaled up replica set frontend-6d8f9c5b7 to 3");
    String out = k.ok("describe", "deployment", "frontend");
    assertThat(Describe.field(out, "Selector")).isEqualTo("app=frontend");
    assertThat(Describe.field(out, "Replicas"))
        .isEqualTo("3 desired | 0 updated | 0 total | 0 available | 0 unavailable");
    assertThat(Describe.field(out, "StrategyType")).isEqualTo("RollingUpdate");
    assertThat(Describe.field(out, "RollingUpdateStrategy"))
        .isEqualTo("25% max unavailable, 25% max surge");
    assertThat(Describe.field(out, "    Image")).isEqualTo("nginx:1.25");
    assertThat(Describe.events(out).rows()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("Reason", "ScalingReplicaSet")
        .containsEntry("From", "deployment-controller")
        .containsEntry("Message", "Scaled up replica set frontend-6d8f9c5b7 to 3"));
  }

  @Test
  void describeDaemonSet() {
    JsonNode ds = k.api.object("/apis/apps/v1/namespaces/default/daemonsets/node-exporter");
    Fixtures.event(k.api, ds, "Normal", "SuccessfulCreate", "daemonset-controller",
        "Created pod: node-exporter-8kq2v");
    String out = k.ok("describe", "daemonset", "node-exporter");
    assertThat(Describe.field(out, "Name")).isEqualTo("node-exporter");
    assertThat(Describe.field(out, "Selector")).isEqualTo("app=node-exporter");
    assertThat(Describe.field(out, "Node-Selector")).isEqualTo("kubernetes.io/os=linux");
    assertThat(Describe.field(out, "Desired Number of Nodes Scheduled")).isEqualTo("0");
    assertThat(Describe.field(out, "    Image")).isEqualTo("prom/node-exporter:v1.8.2");
    assertThat(Describe.events(out).rows()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("Reason", "SuccessfulCreate")
        .containsEntry("Message", "Created pod: node-exporter-8kq2v"));
  }

  /** Endpoints for kubectl 1.27, an EndpointSlice for later ones, as their controllers write. */
  @Test
  void describeService() {
    k.api.post("/api/v1/namespaces/default/endpoints", """
        {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"frontend"},
         "subsets":[{"addresses":[{"ip":"10.244.1.30"}],"ports":[{"port":80}]}]}""").ok();
    k.api.post("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices", """
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
         "metadata":{"name":"frontend-x8m2q",
           "labels":{"kubernetes.io/service-name":"frontend"}},
         "addressType":"IPv4",
         "endpoints":[{"addresses":["10.244.1.30"],"conditions":{"ready":true}}],
         "ports":[{"name":"","port":80,"protocol":"TCP"}]}""").ok();
    JsonNode svc = k.api.object("/api/v1/namespaces/default/services/frontend");
    Fixtures.event(k.api, svc, "Warning", "FailedToUpdateEndpoint", "endpoint-controller",
        "Failed to update endpoint default/frontend: the object has been modified");
    String out = k.ok("describe", "service", "frontend");
    assertThat(Describe.field(out, "Type")).isEqualTo("ClusterIP");
    assertThat(Describe.field(out, "IP")).isEqualTo(svc.at("/spec/clusterIP").asText());
    assertThat(Describe.field(out, "Selector")).isEqualTo("app=frontend");
    assertThat(Describe.field(out, "Port")).isEqualTo("<unset>  80/TCP");
    assertThat(Describe.field(out, "TargetPort")).isEqualTo("80/TCP");
    assertThat(Describe.field(out, "Endpoints")).isEqualTo("10.244.1.30:80");
    assertThat(Describe.events(out).rows()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("Type", "Warning").containsEntry("Reason", "FailedToUpdateEndpoint"));
  }

  @Test
  void describeWithoutEvents() {
    assertThat(Describe.field(k.ok("describe", "configmap", "app-config"), "Events"))
        .isEqualTo("<none>");
  }
}

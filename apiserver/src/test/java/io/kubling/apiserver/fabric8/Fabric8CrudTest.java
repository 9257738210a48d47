package io.kubling.apiserver.fabric8;

import static io.kubling.apiserver.fabric8.Clients.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubling.apiserver.ApiServerFixture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, read, list, update, patch and delete through the fabric8 client, and its errors. */
class Fabric8CrudTest {
  private static final String NS = "crud";

  static ApiServerFixture fixture;
  static KubernetesClient client;

  @BeforeAll
  static void up() {
    fixture = new ApiServerFixture();
    client = Clients.client(fixture);
    Clients.createNamespace(client, NS);
  }

  @AfterAll
  static void down() {
    if (client != null) {
      client.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void namespaces() {
    Namespace created = client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("ns-a").addToLabels("team", "a").endMetadata().build()).create();
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();

    assertThat(client.namespaces().withName("ns-a").get().getMetadata().getLabels())
        .containsEntry("team", "a");
    assertThat(names(client.namespaces().withLabel("team", "a").list().getItems()))
        .containsExactly("ns-a");
    assertThat(names(client.namespaces().withField("metadata.name", "kube-system").list()
        .getItems())).containsExactly("kube-system");
    assertThat(names(client.namespaces().list().getItems()))
        .contains("default", "kube-system", "kube-public", "kube-node-lease", NS, "ns-a");

    Namespace edited = client.namespaces().withName("ns-a").edit(n -> new NamespaceBuilder(n)
        .editMetadata().addToLabels("edited", "yes").endMetadata().build());
    assertThat(edited.getMetadata().getLabels()).containsEntry("edited", "yes")
        .containsEntry("team", "a");
    assertThat(rv(edited)).isGreaterThan(rv(created));

    Namespace patched = client.namespaces().withName("ns-a").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":null}}}");
    assertThat(patched.getMetadata().getLabels()).doesNotContainKey("team")
        .containsEntry("edited", "yes");
    assertThat(client.namespaces().withLabel("team", "a").list().getItems()).isEmpty();
  }

  @Test
  void deletingANamespaceMarksItTerminating() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ns-gone")
        .endMetadata().build()).create();
    client.pods().inNamespace("ns-gone").resource(Clients.pod("p", Map.of())).create();

    assertThat(client.namespaces().withName("ns-gone").delete()).hasSize(1);

    // No namespace controller runs: the namespace stays, Terminating, as in Kubernetes.
    Namespace ns = client.namespaces().withName("ns-gone").get();
    assertThat(ns).isNotNull();
    assertThat(ns.getMetadata().getDeletionTimestamp()).isNotEmpty();
    assertThat(ns.getStatus().getPhase()).isEqualTo("Terminating");
    assertCode(403, () -> client.pods().inNamespace("ns-gone")
        .resource(Clients.pod("q", Map.of())).create());
  }

  @Test
  void pods() {
    Pod created = client.pods().inNamespace(NS)
        .resource(Clients.pod("web-1", Map.of("app", "web"))).create();
    client.pods().inNamespace(NS).resource(Clients.pod("web-2", Map.of("app", "web"))).create();
    client.pods().inNamespace(NS).resource(Clients.pod("db-1", Map.of("app", "db"))).create();
    assertThat(created.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(created.getMetadata().getUid()).isNotEmpty();

    Pod got = client.pods().inNamespace(NS).withName("web-1").get();
    assertThat(got.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(got.getSpec().getContainers()).extracting(c -> c.getImage())
        .containsExactly("nginx");

    assertThat(names(client.pods().inNamespace(NS).withLabel("app", "web").list().getItems()))
        .containsExactlyInAnyOrder("web-1", "web-2");
    assertThat(names(client.pods().inNamespace(NS).withLabel("app").withoutLabel("app", "web")
        .list().getItems())).containsExactly("db-1");
    assertThat(names(client.pods().inNamespace(NS).withField("metadata.name", "web-2").list()
        .getItems())).containsExactly("web-2");
    assertThat(names(client.pods().inAnyNamespace().withLabel("app", "web").list().getItems()))
        .containsExactlyInAnyOrder("web-1", "web-2");

    Pod edited = client.pods().inNamespace(NS).withName("web-1").edit(p -> new PodBuilder(p)
        .editMetadata().addToAnnotations("note", "edited").endMetadata().build());
    assertThat(edited.getMetadata().getAnnotations()).containsEntry("note", "edited");
    assertThat(rv(edited)).isGreaterThan(rv(created));

    Pod merged = client.pods().inNamespace(NS).withName("web-1").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");
    assertThat(merged.getMetadata().getLabels()).containsEntry("tier", "front")
        .containsEntry("app", "web");
    Pod jsonPatched = client.pods().inNamespace(NS).withName("web-1").patch(
        PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/metadata/labels/app\",\"value\":\"api\"}]");
    assertThat(jsonPatched.getMetadata().getLabels()).containsEntry("app", "api");
    assertThat(names(client.pods().inNamespace(NS).withLabel("app", "web").list().getItems()))
        .containsExactly("web-2");

    // Unbound pods go at once.
    assertThat(client.pods().inNamespace(NS).withName("web-1").delete()).hasSize(1);
    assertThat(client.pods().inNamespace(NS).withName("web-1").get()).isNull();
    assertThat(names(client.pods().inNamespace(NS).withLabel("app").list().getItems()))
        .containsExactlyInAnyOrder("web-2", "db-1");
  }

  @Test
  void nodes() {
    Node created = client.nodes().resource(new NodeBuilder().withNewMetadata()
        .withName("node-a").addToLabels("zone", "z1").endMetadata().build()).create();
    client.nodes().resource(new NodeBuilder().withNewMetadata()
        .withName("node-b").addToLabels("zone", "z2").endMetadata().build()).create();
    assertThat(created.getMetadata().getNamespace()).isNull();

    assertThat(client.nodes().withName("node-a").get().getMetadata().getLabels())
        .containsEntry("zone", "z1");
    assertThat(names(client.nodes().withLabel("zone", "z2").list().getItems()))
        .containsExactly("node-b");
    assertThat(names(client.nodes().withField("metadata.name", "node-a").list().getItems()))
        .containsExactly("node-a");

    Node edited = client.nodes().withName("node-a").edit(n -> new NodeBuilder(n)
        .editOrNewSpec().withUnschedulable(true).endSpec().build());
    assertThat(edited.getSpec().getUnschedulable()).isTrue();
    assertThat(names(client.nodes().withField("spec.unschedulable", "true").list().getItems()))
        .containsExactly("node-a");

    Node patched = client.nodes().withName("node-b").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"zone\":\"z1\"}}}");
    assertThat(patched.getMetadata().getLabels()).containsEntry("zone", "z1");
    assertThat(names(client.nodes().withLabel("zone", "z1").list().getItems()))
        .containsExactlyInAnyOrder("node-a", "node-b");

    assertThat(client.nodes().withName("node-b").delete()).hasSize(1);
    assertThat(client.nodes().withName("node-b").get()).isNull();
    assertThat(names(client.nodes().list().getItems())).contains("node-a")
        .doesNotContain("node-b");
  }

  @Test
  void services() {
    Service cluster = client.services().inNamespace(NS).resource(service("svc-a", "ClusterIP",
        Map.of("app", "a"))).create();
    String ip = cluster.getSpec().getClusterIP();
    assertThat(inServiceRange(ip)).as("clusterIP %s in 10.96.0.0/12", ip).isTrue();
    assertThat(cluster.getSpec().getClusterIPs()).containsExactly(ip);
    assertThat(cluster.getSpec().getPorts()).extracting(ServicePort::getNodePort)
        .containsOnlyNulls();

    Service nodePort = client.services().inNamespace(NS).resource(service("svc-b", "NodePort",
        Map.of("app", "b"))).create();
    assertThat(inServiceRange(nodePort.getSpec().getClusterIP())).isTrue();
    assertThat(nodePort.getSpec().getClusterIP()).isNotEqualTo(ip);
    assertThat(nodePort.getSpec().getPorts()).extracting(ServicePort::getNodePort)
        .allSatisfy(p -> assertThat(p).isBetween(30000, 32767));

    assertThat(client.services().inNamespace(NS).withName("svc-a").get().getSpec()
        .getClusterIP()).isEqualTo(ip);
    assertThat(names(client.services().inNamespace(NS).withLabel("app", "b").list().getItems()))
        .containsExactly("svc-b");
    assertThat(names(client.services().inNamespace(NS).withField("metadata.name", "svc-a")
        .list().getItems())).containsExactly("svc-a");
    assertThat(names(client.services().inNamespace("default").list().getItems()))
        .containsExactly("kubernetes");

    Service edited = client.services().inNamespace(NS).withName("svc-a").edit(s ->
        new ServiceBuilder(s).editSpec().addToSelector("app", "a2").endSpec().build());
    assertThat(edited.getSpec().getSelector()).containsEntry("app", "a2");
    assertThat(edited.getSpec().getClusterIP()).as("clusterIP kept on update").isEqualTo(ip);

    Service patched = client.services().inNamespace(NS).withName("svc-b").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"b2\"}}}");
    assertThat(patched.getMetadata().getLabels()).containsEntry("app", "b2");
    assertThat(patched.getSpec().getPorts().get(0).getNodePort())
        .isEqualTo(nodePort.getSpec().getPorts().get(0).getNodePort());

    assertThat(client.services().inNamespace(NS).withName("svc-a").delete()).hasSize(1);
    assertThat(client.services().inNamespace(NS).withName("svc-a").get()).isNull();
    // The released address may be asked for again.
    Service again = client.services().inNamespace(NS).resource(new ServiceBuilder(
        service("svc-c", "ClusterIP", Map.of())).editSpec().withClusterIP(ip).endSpec().build())
        .create();
    assertThat(again.getSpec().getClusterIP()).isEqualTo(ip);
  }

  @Test
  void staleUpdateIsConflict() {
    Pod original = client.pods().inNamespace(NS)
        .resource(Clients.pod("stale", Map.of("v", "1"))).create();
    client.pods().inNamespace(NS).withName("stale").edit(p -> new PodBuilder(p)
        .editMetadata().addToLabels("v", "2").endMetadata().build());

    Pod fromOldVersion = new PodBuilder(original).editMetadata().addToLabels("v", "3")
        .endMetadata().build();
    assertCode(409, () -> client.pods().inNamespace(NS).resource(fromOldVersion).update());
    assertThat(client.pods().inNamespace(NS).withName("stale").get().getMetadata().getLabels())
        .containsEntry("v", "2");

    // With the current resourceVersion the same update goes through.
    Pod current = client.pods().inNamespace(NS).withName("stale").get();
    Pod updated = client.pods().inNamespace(NS).resource(new PodBuilder(current).editMetadata()
        .addToLabels("v", "3").endMetadata().build()).update();
    assertThat(updated.getMetadata().getLabels()).containsEntry("v", "3");
  }

  @Test
  void duplicateCreateIsConflict() {
    client.pods().inNamespace(NS).resource(Clients.pod("dup", Map.of())).create();
    assertCode(409, () -> client.pods().inNamespace(NS).resource(Clients.pod("dup", Map.of()))
        .create());
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("dup-node")
        .endMetadata().build()).create();
    assertCode(409, () -> client.nodes().resource(new NodeBuilder().withNewMetadata()
        .withName("dup-node").endMetadata().build()).create());
  }

  @Test
  void podWithoutContainersIsInvalid() {
    Pod noContainers = new PodBuilder().withNewMetadata().withName("empty").endMetadata()
        .withSpec(new PodSpecBuilder().build()).build();
    assertCode(422, () -> client.pods().inNamespace(NS).resource(noContainers).create());
    assertThat(client.pods().inNamespace(NS).withName("empty").get()).isNull();
  }

  @Test
  void podInMissingNamespaceIsNotFound() {
    assertCode(404, () -> client.pods().inNamespace("no-such-namespace")
        .resource(Clients.pod("p", Map.of())).create());
  }

  @Test
  void statusUpdateChangesStatusOnly() {
    Pod created = client.pods().inNamespace(NS)
        .resource(Clients.pod("status", Map.of("v", "1"))).create();
    Pod withStatus = new PodBuilder(created)
        .editMetadata().addToLabels("v", "2").endMetadata()
        .editSpec().editFirstContainer().withImage("busybox").endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.244.0.7").endStatus().build();

    Pod result = client.pods().inNamespace(NS).resource(withStatus).updateStatus();

    Pod stored = client.pods().inNamespace(NS).withName("status").get();
    for (Pod p : List.of(result, stored)) {
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getStatus().getPodIP()).isEqualTo("10.244.0.7");
      assertThat(p.getMetadata().getLabels()).containsEntry("v", "1");
      assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx");
    }
    assertThat(rv(stored)).isGreaterThan(rv(created));
  }

  @Test
  void bindingSetsNodeNameOnce() throws Exception {
    client.pods().inNamespace(NS).resource(Clients.pod("bind-me", Map.of())).create();

    assertThat(postBinding("bind-me", "node-1").code()).isEqualTo(201);
    Pod bound = client.pods().inNamespace(NS).withName("bind-me").get();
    assertThat(bound.getSpec().getNodeName()).isEqualTo("node-1");
    assertThat(names(client.pods().inNamespace(NS).withField("spec.nodeName", "node-1").list()
        .getItems())).containsExactly("bind-me");

    HttpResponse<String> second = postBinding("bind-me", "node-2");
    assertThat(second.code()).as(second.body()).isEqualTo(409);
    assertThat(client.pods().inNamespace(NS).withName("bind-me").get().getSpec().getNodeName())
        .isEqualTo("node-1");

    // A bound pod is deleted gracefully: only marked, its node agent finishes it.
    client.pods().inNamespace(NS).withName("bind-me").delete();
    Pod marked = client.pods().inNamespace(NS).withName("bind-me").get();
    assertThat(marked).isNotNull();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotEmpty();
    assertThat(marked.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
  }

  private static HttpResponse<String> postBinding(String pod, String node) throws Exception {
    String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\""
        + pod + "\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"" + node
        + "\"}}";
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(fixture.url() + "/api/v1/namespaces/" + NS + "/pods/" + pod + "/binding")
        .post("application/json", binding).build();
    return http.sendAsync(request, String.class).get(Clients.REQUEST_TIMEOUT_MS,
        TimeUnit.MILLISECONDS);
  }

  private static Service service(String name, String type, Map<String, String> labels) {
    return new ServiceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withType(type).addToSelector("app", name).addNewPort().withName("http")
        .withPort(80).withProtocol("TCP").withNewTargetPort(8080).endPort().endSpec().build();
  }

  /** 10.96.0.0/12 is 10.96.0.0 - 10.111.255.255. */
  private static boolean inServiceRange(String ip) {
    String[] o = ip.split("\\.");
    return o.length == 4 && o[0].equals("10") && Integer.parseInt(o[1]) >= 96
        && Integer.parseInt(o[1]) <= 111;
  }

  private static long rv(HasMetadata o) {
    return Long.parseLong(o.getMetadata().getResourceVersion());
  }

  private static List<String> names(List<? extends HasMetadata> items) {
    return items.stream().map(i -> i.getMetadata().getName()).toList();
  }
}

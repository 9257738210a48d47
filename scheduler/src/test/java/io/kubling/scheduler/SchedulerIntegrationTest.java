package io.kubling.scheduler;

import io.kubling.scheduler.framework.NodeInfo;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static io.kubling.scheduler.Builders.toleration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.testkit.Kubectl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler against a real API server and etcd: one scheduler for the class, nodes created
 * per test and removed after it, each test in a namespace of its own.
 */
class SchedulerIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger namespaces = new AtomicInteger();
  private static TestCluster cluster;
  private static KubernetesClient client;
  private static SchedulerServer scheduler;
  private static Kubectl kubectl;
  private String ns;

  @BeforeAll
  static void start() throws Exception {
    cluster = new TestCluster();
    client = cluster.newClient();
    scheduler = SchedulerServer.start(cluster.options("default-scheduler", false));
    kubectl = Kubectl.forServer(Kubectl.DEFAULT, cluster.url(),
        Files.createTempDirectory("scheduler-kubectl"));
  }

  @AfterAll
  static void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void namespace() {
    ns = "t" + namespaces.incrementAndGet();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
  }

  @AfterEach
  void removeNodes() {
    List<String> names = client.nodes().list().getItems().stream()
        .map(n -> n.getMetadata().getName()).toList();
    client.nodes().list().getItems().forEach(n -> client.nodes().resource(n).delete());
    await().atMost(WAIT).until(() -> scheduler.scheduling()
        && client.nodes().list().getItems().isEmpty()
        && names.stream().noneMatch(n -> scheduler.sees(n, info -> info.node() != null)));
  }

  /**
   * Creates the node and waits until the scheduler's cache holds this very node (not one of an
   * earlier test by the same name): nodes and pods reach the scheduler on two watches, so a pod
   * created right after could otherwise be tried first.
   */
  private void createNode(Builders.NodeSpec node) {
    var created = client.nodes().resource(node.build()).create().getMetadata();
    await().atMost(WAIT).until(() -> scheduler.sees(created.getName(), n -> n.node() != null
        && created.getUid().equals(n.node().getMetadata().getUid())));
  }

  private void createPod(Builders.PodSpec pod) {
    client.pods().inNamespace(ns).resource(pod.namespace(ns).build()).create();
  }

  private Pod get(String name) {
    return client.pods().inNamespace(ns).withName(name).get();
  }

  private String awaitBound(String name) {
    await().atMost(WAIT).until(() -> {
      Pod p = get(name);
      return p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
    });
    return get(name).getSpec().getNodeName();
  }

  private PodCondition awaitUnschedulable(String name) {
    await().atMost(WAIT).until(() -> scheduled(get(name)) != null);
    return scheduled(get(name));
  }

  private static PodCondition scheduled(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return null;
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
  }

  private List<Event> events(String pod, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void cordonedNodeGetsNoPods() {
    createNode(node("node01"));
    createNode(node("node02"));
    kubectl.run("cordon", "node01").assertOk();
    await().atMost(WAIT).until(() -> scheduler.scheduling());
    // The scheduler acts on what its informer has seen; the cordon must reach it first.
    await().atMost(WAIT).until(() -> scheduler.sees("node01", NodeInfo::unschedulable));
    for (int i = 0; i < 4; i++) {
      createPod(pod("web-" + i));
    }
    for (int i = 0; i < 4; i++) {
      assertThat(awaitBound("web-" + i)).isEqualTo("node02");
    }
  }

  @Test
  void taintKeepsPodsAwayUnlessTolerated() {
    createNode(node("node01"));
    kubectl.run("taint", "node", "node01", "spray=mortein:NoSchedule").assertOk();
    await().atMost(WAIT).until(() -> scheduler.sees("node01", n -> !n.taints().isEmpty()));
    createPod(pod("bee"));
    PodCondition c = awaitUnschedulable("bee");
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo("Unschedulable");
    assertThat(c.getMessage()).isEqualTo(
        "0/1 nodes are available: 1 node(s) had untolerated taint {spray: mortein}.");

    createPod(pod("bug").tolerate(toleration("spray", "Equal", "mortein", "NoSchedule")));
    assertThat(awaitBound("bug")).isEqualTo("node01");
    assertThat(get("bee").getSpec().getNodeName()).isNull();
  }

  @Test
  void nodeSelectorPicksTheLabelledNode() {
    createNode(node("node01"));
    createNode(node("node02"));
    createNode(node("node03"));
    kubectl.run("label", "node", "node02", "size=Large").assertOk();
    createPod(pod("big").nodeSelector("size", "Large"));
    assertThat(awaitBound("big")).isEqualTo("node02");
  }

  @Test
  void requiredNodeAffinityFromTheKubernetesDocs() {
    createNode(node("node01"));
    createNode(node("node02").label("disktype", "ssd"));
    createNode(node("node03"));
    // https://kubernetes.io/examples/pods/pod-nginx-required-affinity.yaml
    kubectl.run("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: nginx
        spec:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - key: disktype
                    operator: In
                    values:
                    - ssd
          containers:
          - name: nginx
            image: nginx
            imagePullPolicy: IfNotPresent
        """, Map.of(), "apply", "-n", ns, "-f", "-").assertOk();
    assertThat(awaitBound("nginx")).isEqualTo("node02");
  }

  @Test
  void preferredNodeAffinityFromTheKubernetesDocs() {
    createNode(node("node01"));
    createNode(node("node02").label("disktype", "ssd"));
    createNode(node("node03"));
    // https://kubernetes.io/examples/pods/pod-nginx-preferred-affinity.yaml
    kubectl.run("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: nginx
        spec:
          affinity:
            nodeAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 1
                preference:
                  matchExpressions:
                  - key: disktype
                    operator: In
                    values:
                    - ssd
          containers:
          - name: nginx
            image: nginx
            imagePullPolicy: IfNotPresent
        """, Map.of(), "apply", "-n", ns, "-f", "-").assertOk();
    assertThat(awaitBound("nginx")).isEqualTo("node02");

    // Preferred, not required: with no ssd node it still runs.
    kubectl.run("label", "node", "node02", "disktype-").assertOk();
    kubectl.run("cordon", "node02").assertOk();
    await().atMost(WAIT).until(() -> scheduler.sees("node02", NodeInfo::unschedulable));
    client.pods().inNamespace(ns).resource(pod("nginx-2").namespace(ns)
        .preferred(1, Builders.term(Builders.req("disktype", "In", "ssd"))).build()).create();
    assertThat(awaitBound("nginx-2")).isIn("node01", "node03");
  }

  @Test
  void resourceFitUnschedulableMessageAndEvent() throws Exception {
    createNode(node("node01").resources("2", "4Gi", "110"));
    createNode(node("node02").resources("2", "4Gi", "110"));
    createPod(pod("a").cpu("1500m"));
    createPod(pod("b").cpu("1.5"));
    Set<String> nodes = Set.of(awaitBound("a"), awaitBound("b"));
    assertThat(nodes).containsExactlyInAnyOrder("node01", "node02");

    createPod(pod("c").cpu("1").memory("128Mi"));
    String message = "0/2 nodes are available: 2 Insufficient cpu.";
    assertThat(awaitUnschedulable("c").getMessage()).isEqualTo(message);
    await().atMost(WAIT).until(() -> !events("c", "FailedScheduling").isEmpty());
    Event e = events("c", "FailedScheduling").get(0);
    assertThat(e.getType()).isEqualTo("Warning");
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.getSource().getComponent()).isEqualTo("default-scheduler");
    assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
    assertThat(e.getInvolvedObject().getUid()).isEqualTo(get("c").getMetadata().getUid());

    Event ok = events("a", "Scheduled").get(0);
    assertThat(ok.getType()).isEqualTo("Normal");
    assertThat(ok.getMessage()).isEqualTo("Successfully assigned " + ns + "/a to "
        + get("a").getSpec().getNodeName());

    Kubectl.Result describe = kubectl.run("describe", "pod", "-n", ns, "c").assertOk();
    assertThat(describe.out()).contains("FailedScheduling").contains(message);

    // Deleting a pod frees its cpu; the waiting pod then fits.
    client.pods().inNamespace(ns).withName("a").withGracePeriod(0).delete();
    assertThat(awaitBound("c")).isNotNull();
  }

  @Test
  void podBecomesSchedulableWhenANodeIsAdded() {
    createNode(node("node01"));
    createPod(pod("gpu").nodeSelector("accelerator", "gpu"));
    assertThat(awaitUnschedulable("gpu").getMessage()).isEqualTo(
        "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
    createNode(node("node02").label("accelerator", "gpu"));
    assertThat(awaitBound("gpu")).isEqualTo("node02");
  }

  @Test
  void twoSchedulersEachTakeOnlyTheirOwnPods() {
    createNode(node("node01"));
    try (SchedulerServer mine = SchedulerServer.start(cluster.options("my-scheduler", false))) {
      createPod(pod("by-default"));
      createPod(pod("by-mine").schedulerName("my-scheduler"));
      createPod(pod("by-nobody").schedulerName("nobody"));
      awaitBound("by-default");
      awaitBound("by-mine");
      await().atMost(WAIT).until(() -> !events("by-mine", "Scheduled").isEmpty()
          && !events("by-default", "Scheduled").isEmpty());
      assertThat(events("by-mine", "Scheduled").get(0).getSource().getComponent())
          .isEqualTo("my-scheduler");
      assertThat(events("by-default", "Scheduled").get(0).getSource().getComponent())
          .isEqualTo("default-scheduler");
      assertThat(mine.metrics().scheduledCount()).isEqualTo(1);
      Pod nobody = get("by-nobody");
      assertThat(nobody.getSpec().getNodeName()).isNull();
      assertThat(scheduled(nobody)).isNull();
    }
  }

  @Test
  void healthzAndMetrics() throws Exception {
    createNode(node("node01"));
    createPod(pod("m"));
    awaitBound("m");
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + scheduler.healthzPort();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    await().atMost(WAIT).untilAsserted(() -> {
      String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\""
          + ",result=\"scheduled\"}")
          .contains("scheduler_e2e_scheduling_duration_seconds_bucket");
      String scheduledLine = metrics.lines()
          .filter(l -> l.startsWith("scheduler_schedule_attempts_total") && l.contains("result=\"scheduled\""))
          .collect(Collectors.joining());
      assertThat(Double.parseDouble(scheduledLine.substring(scheduledLine.lastIndexOf(' ') + 1)))
          .isGreaterThan(0);
    });
  }

}

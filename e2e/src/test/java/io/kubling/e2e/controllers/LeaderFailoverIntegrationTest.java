package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubling.controllers.ControllerManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeaderFailoverIntegrationTest {
  static ControlPlane cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ControlPlane();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  // Renewals get 5 s: the scheduler and node agents share this JVM, and on a loaded machine a
  // 1.5 s deadline let the leader lose its Lease while alive. A closing leader releases it, so
  // the failover below is not slowed by the longer lease.
  static final UnaryOperator<io.kubling.controllers.ControllerManagerOptions> ELECT = o ->
      o.withComponent(o.component().withLeaderElection(o.component().leaderElection()
          .withLeaderElect(true).withTimings(Duration.ofSeconds(8), Duration.ofSeconds(5),
              Duration.ofMillis(500))));

  /**
   * GET with a bound on the whole exchange: HttpRequest.timeout only bounds the wait for the
   * response headers, and runs on a loaded machine have waited forever for a body, so the
   * exchange is bounded as a whole and the awaits below retry it.
   */
  static String get(int port, String path) {
    try {
      return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).get(5, TimeUnit.SECONDS).body();
    } catch (Exception e) {
      return "";
    }
  }

  @Test
  void theStandbyTakesOverAndCatchesUpWithWhatChangedMeanwhile() throws Exception {
    ControllerManager first = cluster.startManager("first", ELECT);
    await().atMost(Duration.ofSeconds(20)).until(first::isLeading);
    cluster.nodes.join("node-a"); // its pod CIDR comes from the leader's node IPAM
    ControllerManager second = cluster.startManager("second", ELECT);
    cluster.client.apps().replicaSets().inNamespace("default")
        .resource(Workloads.replicaSet("ha", 2)).create();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Workloads.running(cluster.client, "default", "ha").size() == 2);
    assertThat(second.isLeading()).isFalse();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> get(first.healthzPort(), "/healthz").equals("ok"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(get(first.healthzPort(), "/metrics"))
            .contains("controller_runtime_reconcile_total{controller=\"replicaset\"")
            .contains("workqueue_depth{name=\"replicaset\"}"));

    // The leader goes; the change made while nobody leads must not be lost.
    first.close();
    cluster.client.apps().replicaSets().inNamespace("default").withName("ha").scale(5);
    await().atMost(Duration.ofSeconds(30)).until(second::isLeading);
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Workloads.running(cluster.client, "default", "ha").size() == 5);
    assertThat(cluster.client.leases().inNamespace("kube-system")
        .withName("kube-controller-manager").get().getSpec().getHolderIdentity())
        .isEqualTo("second");
  }
}

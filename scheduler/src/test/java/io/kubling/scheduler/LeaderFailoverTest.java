package io.kubling.scheduler;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler instances with leader election: one schedules; when it dies (its connection
 * cut, so it cannot even release the Lease) the other takes over, and every pod ends up bound
 * exactly once.
 */
class LeaderFailoverTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void standbyTakesOverAndNoPodIsBoundTwice() {
    try (TestCluster cluster = new TestCluster();
        KubernetesClient client = cluster.newClient()) {
      for (int i = 0; i < 5; i++) {
        client.nodes().resource(node("node0" + i).build()).create();
      }
      // Every node a pod was ever seen bound to, from a watch of our own.
      Map<String, Set<String>> boundTo = new ConcurrentHashMap<>();
      Watch watch = client.pods().inNamespace("default").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, Pod pod) {
          String node = pod.getSpec().getNodeName();
          if (node != null && !node.isEmpty()) {
            boundTo.computeIfAbsent(pod.getMetadata().getName(), k -> ConcurrentHashMap.newKeySet())
                .add(node);
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      });
      SchedulerOptions options = cluster.options("default-scheduler", true);
      SchedulerServer a = SchedulerServer.start(options);
      SchedulerServer b = SchedulerServer.start(options);
      try {
        await().atMost(WAIT).until(() -> a.scheduling() || b.scheduling());
        SchedulerServer leader = a.scheduling() ? a : b;
        SchedulerServer standby = leader == a ? b : a;
        assertThat(standby.scheduling()).isFalse();

        createPods(client, "first", 30);
        await().atMost(WAIT).until(() -> boundTo.size() == 30);

        // A crash: the leader's connection goes, so it neither renews nor releases the Lease.
        leader.client().close();
        createPods(client, "second", 30);
        await().atMost(WAIT).until(standby::scheduling);
        await().atMost(WAIT).until(() -> boundTo.size() == 60);
        await().atMost(WAIT).until(() -> !leader.scheduling());

        List<Pod> pods = client.pods().inNamespace("default").list().getItems();
        assertThat(pods).hasSize(60).allSatisfy(p -> assertThat(p.getSpec().getNodeName())
            .isNotEmpty());
        assertThat(boundTo.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
        assertThat(leader.metrics().scheduledCount() + standby.metrics().scheduledCount())
            .as("successful bindings across both instances").isEqualTo(60);
        assertThat(standby.metrics().scheduledCount()).isGreaterThanOrEqualTo(30);
      } finally {
        watch.close();
        Stream.of(a, b).forEach(SchedulerServer::close);
      }
    }
  }

  private static void createPods(KubernetesClient client, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      client.pods().inNamespace("default").resource(pod(prefix + "-" + i).build()).create();
    }
  }
}

package io.kubling.scheduler;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Pods that exist before the scheduler starts reach it through its informer's first list, whose
 * add notifications fabric8 builds from the informer's store. The store keeps pods slim, so
 * this checks that the first list still gives the scheduler the whole pods: the bound pod's
 * requests count on its node, and a pending pod's nodeSelector holds.
 */
class SchedulerStartupTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void podsListedAtStartAreSeenWhole() throws Exception {
    try (TestCluster cluster = new TestCluster(); KubernetesClient client = cluster.newClient()) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("early")
          .endMetadata().build()).create();
      // node-a looks emptiest and would win every score if the holder's requests were lost.
      client.nodes().resource(node("node-a").resources("4", "8Gi", "110").build()).create();
      client.nodes().resource(node("node-b").label("disk", "ssd").resources("2", "8Gi", "110")
          .build()).create();
      client.pods().inNamespace("early").resource(pod("holder").namespace("early").cpu("3500m")
          .nodeName("node-a").build()).create();
      client.pods().inNamespace("early").resource(pod("picky").namespace("early").cpu("100m")
          .nodeSelector("disk", "ssd").build()).create();
      client.pods().inNamespace("early").resource(pod("big").namespace("early").cpu("1000m")
          .build()).create();

      try (SchedulerServer scheduler = SchedulerServer.start(cluster.options("default-scheduler",
          false))) {
        assertThat(awaitBound(client, "picky")).isEqualTo("node-b");
        assertThat(awaitBound(client, "big")).isEqualTo("node-b");
        assertThat(scheduler.sees("node-a", n -> n.requestedMilliCpu() == 3500)).isTrue();
      }
    }
  }

  private static String awaitBound(KubernetesClient client, String name) {
    await().atMost(WAIT).until(() -> {
      Pod p = client.pods().inNamespace("early").withName(name).get();
      return p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
    });
    return client.pods().inNamespace("early").withName(name).get().getSpec().getNodeName();
  }
}

package io.kubling.component.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A controller over a ConfigMap informer against the real API server and etcd. */
class ControllerApiServerTest {
  private static TestCluster cluster;
  private static KubernetesClient client;
  private static final AtomicInteger namespaces = new AtomicInteger();

  private String ns;
  private SharedIndexInformer<ConfigMap> informer;
  private Controller controller;

  /** What the reconciler saw for a key: the cache's value of data.v, or null once deleted. */
  record Seen(String key, String value) {}

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster();
    client = cluster.newClient("controller-test");
  }

  @AfterAll
  static void stopCluster() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void namespace() {
    ns = "controller-test-" + namespaces.incrementAndGet();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    informer = client.configMaps().inNamespace(ns).runnableInformer(0);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (controller != null) {
      controller.stop();
    }
    informer.close();
  }

  @Test
  void seesCreatesUpdatesAndDeletesAfterTheCacheSynced() throws Exception {
    client.configMaps().inNamespace(ns).resource(configMap("before", "0")).create();
    List<Seen> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean syncedBeforeFirstReconcile = new AtomicBoolean();
    controller = Controller.builder("configmap-recorder", key -> {
      if (seen.isEmpty()) {
        syncedBeforeFirstReconcile.set(informer.hasSynced());
      }
      // The key names the object; the latest state comes from the cache, absent = deleted.
      ConfigMap cm = informer.getStore().getByKey(key);
      seen.add(new Seen(key, cm == null ? null : cm.getData().get("v")));
      return Result.done();
    }).watch(informer).workers(2).build();
    controller.start();

    assertThat(controller.hasSynced()).isTrue();
    await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(new Seen(ns + "/before", "0")));
    assertThat(syncedBeforeFirstReconcile).isTrue();

    client.configMaps().inNamespace(ns).resource(configMap("a", "1")).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(new Seen(ns + "/a", "1")));

    client.configMaps().inNamespace(ns).withName("a")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("v", "2").build());
    await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(new Seen(ns + "/a", "2")));

    client.configMaps().inNamespace(ns).withName("a").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(new Seen(ns + "/a", null)));
    assertThat(controller.metrics().errors()).isZero();
  }

  @Test
  void retriesAFailingKeyWithBackoffThenSucceeds() throws Exception {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    String flaky = ns + "/flaky";
    controller = Controller.builder("flaky-recorder", key -> {
      int n = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      if (key.equals(flaky) && n <= 3) {
        throw new IllegalStateException("attempt " + n + " fails");
      }
      return Result.done();
    }).watch(informer).build();
    controller.start();

    client.configMaps().inNamespace(ns).resource(configMap("flaky", "x")).create();
    client.configMaps().inNamespace(ns).resource(configMap("steady", "x")).create();
    await().atMost(Duration.ofSeconds(20))
        .until(() -> attempts.containsKey(flaky) && attempts.get(flaky).get() == 4);
    // No event came after success, so the key is not run again and its backoff is gone.
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .until(() -> attempts.get(flaky).get() == 4);
    assertThat(attempts.get(ns + "/steady").get()).isEqualTo(1);
    assertThat(controller.queue().numRequeues(flaky)).isZero();
    assertThat(controller.metrics().errors()).isEqualTo(3);
    assertThat(io.kubling.component.metrics.PrometheusText.render(controller.metrics().collect()))
        .contains("controller_runtime_reconcile_errors_total{controller=\"flaky-recorder\"} 3")
        .contains("workqueue_retries_total{name=\"flaky-recorder\"} 3");
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("v", value).build();
  }
}

package io.kubling.apiserver.fabric8;

import static io.kubling.apiserver.fabric8.Clients.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.Http;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * etcd dies under the API server: requests fail with 503 instead of hanging, /readyz says so,
 * and once etcd is back every acknowledged write is there and informers catch up.
 */
class Fabric8EtcdOutageTest {
  private static final String NS = "outage";
  private static final Duration WAIT = Duration.ofSeconds(90);

  static ApiServerFixture fixture;
  /** Without client-side retries every 503 is seen; the request timeout bounds each wait. */
  static KubernetesClient client;
  static Http http;

  @BeforeAll
  static void up() {
    fixture = new ApiServerFixture(o -> o.withRequestTimeout(Duration.ofSeconds(2)));
    client = Clients.client(fixture.url());
    http = new Http(fixture.url());
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

  /** Writes config maps one after another until stopped; remembers those acknowledged. */
  static final class Writer implements Runnable {
    final Map<String, String> acked = new ConcurrentHashMap<>();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicBoolean stop = new AtomicBoolean();
    private final KubernetesClient c;

    Writer(KubernetesClient c) {
      this.c = c;
    }

    @Override
    public void run() {
      for (int i = 0; !stop.get(); i++) {
        String name = "w-" + i;
        try {
          ConfigMap stored = c.configMaps().inNamespace(NS)
              .resource(Clients.configMap(name, "value-" + i)).create();
          acked.put(name, stored.getData().get("v"));
        } catch (KubernetesClientException e) {
          failed.incrementAndGet();
        }
      }
    }
  }

  @Test
  void requestsFailFastWhileEtcdIsDownAndNothingAcknowledgedIsLost() throws Exception {
    Map<String, String> acked = new TreeMap<>();
    for (int i = 0; i < 10; i++) {
      ConfigMap cm = client.configMaps().inNamespace(NS)
          .resource(Clients.configMap("before-" + i, "b" + i)).create();
      acked.put(cm.getMetadata().getName(), cm.getData().get("v"));
    }
    ConfigMap before0 = client.configMaps().inNamespace(NS).withName("before-0").get();

    AtomicInteger informed = new AtomicInteger();
    SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NS)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap obj) {
            informed.incrementAndGet();
          }

          @Override
          public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {}

          @Override
          public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {}
        }, 0);
    assertThat(informer.getStore().list()).hasSize(10);
    try {
      KubernetesClient writerClient = Clients.client(fixture.url());
      Writer writer = new Writer(writerClient);
      Thread writing = new Thread(writer, "outage-writer");
      writing.start();
      try {
        await().atMost(WAIT).until(() -> writer.acked.size() >= 5);

        fixture.etcd.kill();

        await().atMost(WAIT).until(() -> http.get("/readyz").code() == 503);
        assertThat(http.get("/livez").code()).isEqualTo(200);
        assertEveryVerbAnswers503(before0);
        int failedWhileDown = writer.failed.get();
        await().atMost(WAIT).until(() -> writer.failed.get() > failedWhileDown);

        fixture.etcd.start();

        await().atMost(WAIT).until(() -> http.get("/readyz").code() == 200);
        int ackedWhenBack = writer.acked.size();
        await().atMost(WAIT).until(() -> writer.acked.size() >= ackedWhenBack + 5);
      } finally {
        writer.stop.set(true);
        writing.join();
        writerClient.close();
      }
      acked.putAll(writer.acked);
      for (int i = 0; i < 5; i++) {
        ConfigMap cm = client.configMaps().inNamespace(NS)
            .resource(Clients.configMap("after-" + i, "a" + i)).create();
        acked.put(cm.getMetadata().getName(), cm.getData().get("v"));
      }

      Map<String, String> stored = new TreeMap<>();
      client.configMaps().inNamespace(NS).list().getItems()
          .forEach(cm -> stored.put(cm.getMetadata().getName(), cm.getData().get("v")));
      assertThat(stored).containsAllEntriesOf(acked);
      // Writes answered 503 while etcd was down must not happen once it is back.
      assertThat(stored).doesNotContainKey("during")
          .containsEntry("before-0", "b0").containsEntry("before-2", "b2")
          .containsKey("before-3");

      // The informer ran throughout and ends with exactly the server's objects.
      await().atMost(WAIT).untilAsserted(() -> assertThat(
          Clients.versions(informer.getStore().list())).isEqualTo(
          Clients.versions(client.configMaps().inNamespace(NS).list().getItems())));
      assertThat(informer.isRunning()).isTrue();
      assertThat(informed.get()).isEqualTo(stored.size());
    } finally {
      informer.close();
    }
  }

  /** Every verb that needs etcd answers 503, within the client's request timeout. */
  private static void assertEveryVerbAnswers503(ConfigMap before0) {
    assertCode(503, () -> client.configMaps().inNamespace(NS)
        .resource(Clients.configMap("during", "d")).create());
    // A namespace the cache does not hold is looked up in etcd, which cannot answer.
    assertCode(503, () -> client.configMaps().inNamespace("not-cached")
        .resource(Clients.configMap("during", "d")).create());
    assertCode(503, () -> client.configMaps().inNamespace(NS).withName("before-1").get());
    assertCode(503, () -> client.configMaps().inNamespace(NS).list());
    assertCode(503, () -> client.configMaps().inNamespace(NS).resource(
        new ConfigMapBuilder(before0).addToData("v", "changed").build()).update());
    assertCode(503, () -> client.configMaps().inNamespace(NS).withName("before-2")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"v\":\"patched\"}}"));
    assertCode(503, () -> client.configMaps().inNamespace(NS).withName("before-3").delete());
  }
}

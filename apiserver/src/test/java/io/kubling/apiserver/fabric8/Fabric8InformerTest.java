package io.kubling.apiserver.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shared informers for pods and services through the fabric8 client: initial list, events,
 * resync, and catching up after the API server restarts under them.
 */
class Fabric8InformerTest {
  private static final String NS = "informed";
  private static final Duration WAIT = Duration.ofSeconds(60);

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

  /** What the informer told its handler, in order; resyncs counted apart. */
  static final class Recorder<T extends HasMetadata> implements ResourceEventHandler<T> {
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger resyncs = new AtomicInteger();

    @Override
    public void onAdd(T obj) {
      events.add("add " + obj.getMetadata().getName());
    }

    @Override
    public void onUpdate(T old, T now) {
      if (old.getMetadata().getResourceVersion().equals(now.getMetadata().getResourceVersion())) {
        resyncs.incrementAndGet();
      } else {
        events.add("update " + now.getMetadata().getName() + " gen="
            + now.getMetadata().getLabels().get("gen"));
      }
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      events.add("delete " + obj.getMetadata().getName());
    }
  }

  /** One resource type driven through the same story. */
  record Kind<T extends HasMetadata>(String name,
      Function<KubernetesClient, MixedOperation<T, ? extends KubernetesResourceList<T>,
          ? extends Resource<T>>> op,
      BiFunction<String, Map<String, String>, T> make) {

    void create(KubernetesClient c, String name) {
      op.apply(c).inNamespace(NS).resource(make.apply(name, Map.of("gen", "1"))).create();
    }

    void relabel(KubernetesClient c, String name, String gen) {
      op.apply(c).inNamespace(NS).withName(name).edit(o -> {
        o.getMetadata().getLabels().put("gen", gen);
        return o;
      });
    }

    void delete(KubernetesClient c, String name) {
      op.apply(c).inNamespace(NS).withName(name).delete();
    }

    Map<String, String> onServer(KubernetesClient c) {
      return Clients.versions(op.apply(c).inNamespace(NS).list().getItems());
    }

    SharedIndexInformer<T> inform(KubernetesClient c, Recorder<T> rec) {
      return op.apply(c).inNamespace(NS).inform(rec, 1000);
    }
  }

  static final Kind<io.fabric8.kubernetes.api.model.Pod> PODS =
      new Kind<>("pod", KubernetesClient::pods, Clients::pod);
  static final Kind<Service> SERVICES = new Kind<>("svc", KubernetesClient::services,
      (name, labels) -> new ServiceBuilder().withNewMetadata().withName(name)
          .withLabels(labels).endMetadata().withNewSpec().addNewPort().withPort(80).endPort()
          .endSpec().build());

  @Test
  void podInformerFollowsChangesAndSurvivesARestart() {
    story(PODS);
  }

  @Test
  void serviceInformerFollowsChangesAndSurvivesARestart() {
    story(SERVICES);
  }

  private <T extends HasMetadata> void story(Kind<T> kind) {
    String p = kind.name() + "-";
    kind.create(client, p + "a1");
    kind.create(client, p + "a2");

    Recorder<T> rec = new Recorder<>();
    SharedIndexInformer<T> informer = kind.inform(client, rec);
    try {
      // The initial list.
      await().atMost(WAIT).untilAsserted(() -> assertThat(rec.events)
          .containsExactlyInAnyOrder("add " + p + "a1", "add " + p + "a2"));
      assertThat(Clients.versions(informer.getStore().list())).isEqualTo(kind.onServer(client));

      // Changes, as they happen.
      kind.create(client, p + "a3");
      kind.relabel(client, p + "a1", "2");
      kind.delete(client, p + "a2");
      await().atMost(WAIT).untilAsserted(() -> assertThat(rec.events.subList(2,
          rec.events.size())).containsExactly("add " + p + "a3", "update " + p + "a1 gen=2",
          "delete " + p + "a2"));

      // Resync hands every cached object to onUpdate again, unchanged.
      int before = rec.resyncs.get();
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(rec.resyncs.get()).isGreaterThan(before));

      // The API server restarts under the informer. While it is down, a second API server on
      // the same etcd changes things; more changes follow once it is back.
      ApiServer other = ApiServerFixture.startServer(fixture.options().withPort(0));
      try (KubernetesClient otherClient = Clients.client(other.url())) {
        fixture.restartServer(() -> {
          kind.create(otherClient, p + "b1");
          kind.relabel(otherClient, p + "a3", "3");
          kind.delete(otherClient, p + "a1");
        });
      } finally {
        other.close();
      }
      kind.create(client, p + "c1");
      kind.relabel(client, p + "b1", "4");

      await().atMost(WAIT).untilAsserted(() -> {
        Map<String, String> server = kind.onServer(client);
        assertThat(server).containsOnlyKeys(p + "a3", p + "b1", p + "c1");
        assertThat(Clients.versions(informer.getStore().list())).isEqualTo(server);
      });
      assertThat(informer.isRunning()).isTrue();
      // Whether seen by the resumed watch or by a relist, every change reached the handler
      // (a relist may fold b1's creation and relabel into one add).
      assertThat(rec.events).contains("update " + p + "a3 gen=3", "add " + p + "b1",
          "delete " + p + "a1", "add " + p + "c1");

      // And it keeps following afterwards, without a relist.
      kind.relabel(client, p + "c1", "5");
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(rec.events).contains("update " + p + "c1 gen=5"));
    } finally {
      informer.close();
    }
  }
}

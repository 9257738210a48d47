package io.kubling.apiserver.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubling.apiserver.ApiServerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Watches through the fabric8 client: event order, and selection leaving as DELETED. */
class Fabric8WatchTest {
  static ApiServerFixture fixture;
  static KubernetesClient client;

  @BeforeAll
  static void up() {
    fixture = new ApiServerFixture();
    client = Clients.client(fixture);
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

  /** One event as the watcher saw it. */
  record Seen(Watcher.Action action, String name, String resourceVersion, String app) {}

  /** Records every event; fails the test's awaits loudly if the watch closes with an error. */
  static final class Recorder implements Watcher<Pod> {
    final List<Seen> events = new CopyOnWriteArrayList<>();
    volatile WatcherException closedWith;

    @Override
    public void eventReceived(Action action, Pod pod) {
      events.add(new Seen(action, pod.getMetadata().getName(),
          pod.getMetadata().getResourceVersion(), pod.getMetadata().getLabels().get("app")));
    }

    @Override
    public void onClose(WatcherException cause) {
      closedWith = cause;
    }

    List<Watcher.Action> actions() {
      return events.stream().map(Seen::action).toList();
    }
  }

  @Test
  void seesAddedModifiedDeletedInOrder() {
    Clients.createNamespace(client, "watch-order");
    Recorder rec = new Recorder();
    try (Watch w = client.pods().inNamespace("watch-order").watch(rec)) {
      Pod created = client.pods().inNamespace("watch-order")
          .resource(Clients.pod("p", Map.of("app", "a"))).create();
      Pod edited = client.pods().inNamespace("watch-order").withName("p").edit(p ->
          new PodBuilder(p).editMetadata().addToAnnotations("k", "v").endMetadata().build());
      client.pods().inNamespace("watch-order").withName("p").delete();

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(rec.actions()).containsExactly(Watcher.Action.ADDED,
              Watcher.Action.MODIFIED, Watcher.Action.DELETED));
      assertThat(rec.events).extracting(Seen::name).containsOnly("p");
      assertThat(rec.events.get(0).resourceVersion())
          .isEqualTo(created.getMetadata().getResourceVersion());
      assertThat(rec.events.get(1).resourceVersion())
          .isEqualTo(edited.getMetadata().getResourceVersion());
      assertThat(Long.parseLong(rec.events.get(2).resourceVersion()))
          .isGreaterThan(Long.parseLong(edited.getMetadata().getResourceVersion()));
      assertThat(rec.closedWith).isNull();
    }
  }

  /**
   * fabric8 watches over WebSocket by default (the clients above do); the same watch over
   * chunked HTTP, as client-go does it, sees the same events.
   */
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void chunkedHttpWatchSeesTheSameEvents() {
    Clients.createNamespace(client, "watch-http");
    try (KubernetesClient http = new KubernetesClientBuilder()
        .withConfig(Clients.config(fixture.url()).withOnlyHttpWatches(true).build()).build()) {
      Recorder rec = new Recorder();
      try (Watch w = http.pods().inNamespace("watch-http").watch(rec)) {
        client.pods().inNamespace("watch-http").resource(Clients.pod("h", Map.of("app", "a")))
            .create();
        client.pods().inNamespace("watch-http").withName("h").delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(rec.events).extracting(Seen::action).containsExactly(
                Watcher.Action.ADDED, Watcher.Action.DELETED));
      }
    }
  }

  @Test
  void objectLeavingTheLabelSelectionIsDeleted() {
    Clients.createNamespace(client, "watch-sel");
    client.pods().inNamespace("watch-sel").resource(Clients.pod("other", Map.of("app", "b")))
        .create();
    Recorder rec = new Recorder();
    try (Watch w = client.pods().inNamespace("watch-sel").withLabel("app", "a").watch(rec)) {
      client.pods().inNamespace("watch-sel").resource(Clients.pod("p", Map.of("app", "a")))
          .create();
      client.pods().inNamespace("watch-sel").withName("other").edit(p -> new PodBuilder(p)
          .editMetadata().addToAnnotations("ignored", "yes").endMetadata().build());
      // p leaves the selection: the watcher sees it DELETED (with its new labels) ...
      client.pods().inNamespace("watch-sel").withName("p").edit(p -> new PodBuilder(p)
          .editMetadata().addToLabels("app", "b").endMetadata().build());
      // ... and "other" entering it is ADDED.
      client.pods().inNamespace("watch-sel").withName("other").edit(p -> new PodBuilder(p)
          .editMetadata().addToLabels("app", "a").endMetadata().build());

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(rec.events).extracting(Seen::action, Seen::name).containsExactly(
              org.assertj.core.groups.Tuple.tuple(Watcher.Action.ADDED, "p"),
              org.assertj.core.groups.Tuple.tuple(Watcher.Action.DELETED, "p"),
              org.assertj.core.groups.Tuple.tuple(Watcher.Action.ADDED, "other")));
      assertThat(rec.events.get(1).app()).isEqualTo("b");
      assertThat(client.pods().inNamespace("watch-sel").withName("p").get()).isNotNull();
      assertThat(rec.closedWith).isNull();
    }
  }

  /**
   * An event longer than one WebSocket frame (64 KiB) goes out in pieces, which may split a
   * character: the watcher still gets the whole object, multi-byte text intact.
   */
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void eventLongerThanOneFrameArrivesWhole() {
    Clients.createNamespace(client, "watch-big");
    // 3-byte characters, offset by one byte so frame ends fall inside characters.
    String value = "x" + "\u20ac".repeat(100_000);
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch w = client.configMaps().inNamespace("watch-big").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, io.fabric8.kubernetes.api.model.ConfigMap cm) {
        seen.add(cm.getData().get("big"));
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      client.configMaps().inNamespace("watch-big").resource(
          new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
              .withName("big").endMetadata().addToData("big", value).build()).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> !seen.isEmpty());
      assertThat(seen.get(0)).isEqualTo(value);
    }
  }
}

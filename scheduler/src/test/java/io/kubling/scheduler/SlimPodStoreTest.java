package io.kubling.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** The store keeps of a pod exactly what the handlers read of an old pod. */
class SlimPodStoreTest {
  private static Pod pod(String node, String scheduler, String phase) {
    return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u")
        .withResourceVersion("9").withDeletionTimestamp("2026-11-27T05:21:01Z")
        .addToLabels("app", "a").endMetadata()
        .withNewSpec().withNodeName(node).withSchedulerName(scheduler).addNewContainer()
        .withName("c").withImage("pause").endContainer().endSpec()
        .withNewStatus().withPhase(phase).endStatus().build();
  }

  @Test
  void keepsPodsWholeUntilTheFirstListIsHandedOut() {
    SlimPodStore store = new SlimPodStore();
    Pod listed = pod("n1", "other", "Running");
    store.put("ns/p", listed);
    // fabric8 reads the first list's add notifications back from the store by key.
    assertThat(store.get("ns/p")).isSameAs(listed);
    store.slimAll();
    assertThat(store.get("ns/p")).isInstanceOf(SlimPodStore.StoredPod.class);
    assertThat(SlimPodStore.nodeName(store.get("ns/p"))).isEqualTo("n1");
    store.put("ns/q", pod(null, null, "Pending"));
    assertThat(store.get("ns/q")).isInstanceOf(SlimPodStore.StoredPod.class);
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.remove("ns/p")).isNotNull();
    assertThat(store.keySet()).containsExactly("ns/q");
  }

  @Test
  void storesKeyFieldsAndWhatHandlersRead() {
    SlimPodStore store = new SlimPodStore();
    store.slimAll();
    store.put("ns/p", pod("n1", "other", "Running"));
    Pod stored = store.get("ns/p");
    assertThat(stored.getMetadata().getName()).isEqualTo("p");
    assertThat(stored.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(stored.getMetadata().getUid()).isEqualTo("u");
    assertThat(stored.getMetadata().getResourceVersion()).isEqualTo("9");
    assertThat(stored.getMetadata().getDeletionTimestamp()).isEqualTo("2026-11-27T05:21:01Z");
    assertThat(SlimPodStore.nodeName(stored)).isEqualTo("n1");
    assertThat(SlimPodStore.schedulerName(stored)).isEqualTo("other");
    assertThat(SlimPodStore.phase(stored)).isEqualTo("Running");
    // Asked for through fabric8's getters, the same figures.
    assertThat(stored.getSpec().getNodeName()).isEqualTo("n1");
    assertThat(stored.getSpec().getSchedulerName()).isEqualTo("other");
    assertThat(stored.getStatus().getPhase()).isEqualTo("Running");
    assertThat(stored.getSpec().getContainers()).isEmpty();
    assertThat(stored.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(SlimPodStore.slim(stored)).isSameAs(stored);
  }

  @Test
  void handlersReadStoredAndDecodedPodsAlike() {
    Pod unbound = pod(null, null, "Pending");
    Pod stored = SlimPodStore.slim(unbound);
    assertThat(PodEventHandler.assigned(stored)).isFalse().isEqualTo(PodEventHandler.assigned(unbound));
    Pod done = pod("n1", null, "Succeeded");
    assertThat(PodEventHandler.terminal(SlimPodStore.slim(done))).isTrue();
    assertThat(PodEventHandler.assigned(SlimPodStore.slim(done))).isTrue();
    Pod noSpec = new PodBuilder().withNewMetadata().withName("q").withNamespace("ns").endMetadata()
        .build();
    assertThat(SlimPodStore.nodeName(SlimPodStore.slim(noSpec))).isNull();
    assertThat(SlimPodStore.phase(SlimPodStore.slim(noSpec))).isNull();
  }
}

package io.kubling.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamespaceReconcilerTest {
  static final NamespaceApi.ResourceType PODS = new NamespaceApi.ResourceType("", "v1", "pods", "Pod");
  static final NamespaceApi.ResourceType RS =
      new NamespaceApi.ResourceType("apps", "v1", "replicasets", "ReplicaSet");

  static Namespace ns(boolean terminating) {
    NamespaceBuilder b = new NamespaceBuilder().withNewMetadata().withName("team").endMetadata()
        .withNewSpec().withFinalizers("kubernetes").endSpec();
    if (terminating) {
      b.editMetadata().withDeletionTimestamp("2030-01-01T00:00:00Z").endMetadata();
    }
    return b.build();
  }

  @ParameterizedTest(name = "terminating={0}, items [{1}] -> {2}")
  @CsvSource({
      "false, '', NOTHING",
      "false, 'a:live', NOTHING",
      "true, '', FINALIZE",
      "true, 'a:live b:terminating', DELETE_CONTENT",
      "true, 'a:terminating', WAIT",
  })
  void nextStep(boolean terminating, String items, Namespaces.Step want) {
    List<NamespaceApi.Item> list = new ArrayList<>();
    for (String s : items.isEmpty() ? new String[0] : items.split(" ")) {
      String[] f = s.split(":");
      list.add(new NamespaceApi.Item(PODS, f[0], f[1].equals("terminating")));
    }
    assertThat(Namespaces.next(ns(terminating), list)).isEqualTo(want);
  }

  /** A recording fake: content per type, deletes mark items terminating. */
  static final class RecordingApi implements NamespaceApi {
    final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    final Map<ResourceType, List<Item>> content = new ConcurrentHashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<Namespace> namespace(String name) {
      return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public List<ResourceType> namespacedTypes() {
      return List.of(PODS, RS);
    }

    @Override
    public List<Item> list(ResourceType type, String namespace) {
      return List.copyOf(content.getOrDefault(type, List.of()));
    }

    @Override
    public void delete(ResourceType type, String namespace, String name) {
      calls.add("delete " + type.plural() + "/" + name);
      content.get(type).replaceAll(i -> i.name().equals(name) ? new Item(type, name, true) : i);
    }

    @Override
    public void finalizeNamespace(Namespace namespace, List<String> finalizers) {
      calls.add("finalize " + namespace.getMetadata().getName() + " " + finalizers);
    }
  }

  @Test
  void deletesContentThenWaitsThenFinalizes() {
    RecordingApi api = new RecordingApi();
    NamespaceReconciler r = new NamespaceReconciler(api);
    api.namespaces.put("team", ns(true));
    api.content.put(PODS, new ArrayList<>(List.of(new NamespaceApi.Item(PODS, "p", false))));
    api.content.put(RS, new ArrayList<>(List.of(new NamespaceApi.Item(RS, "r", false))));

    assertThat(r.reconcile("team").requeueAfter()).isPresent();
    assertThat(api.calls).containsExactly("delete pods/p", "delete replicasets/r");

    assertThat(r.reconcile("team").requeueAfter()).isPresent(); // all terminating: wait
    assertThat(api.calls).hasSize(2);

    api.content.clear();
    r.reconcile("team");
    assertThat(api.calls).last().isEqualTo("finalize team []");
  }

  @Test
  void leavesActiveNamespacesAlone() {
    RecordingApi api = new RecordingApi();
    api.namespaces.put("team", ns(false));
    new NamespaceReconciler(api).reconcile("team");
    new NamespaceReconciler(api).reconcile("missing");
    assertThat(api.calls).isEmpty();
  }
}

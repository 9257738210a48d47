package io.kubling.controllers.garbagecollector;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubling.controllers.garbagecollector.GarbageCollection.OwnerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GarbageCollectionTest {

  static Pod obj(String name, String finalizer, boolean deleting, String... ownerUids) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
        .withUid("uid-" + name).endMetadata();
    if (finalizer != null) {
      b.editMetadata().withFinalizers(finalizer).endMetadata();
    }
    if (deleting) {
      b.editMetadata().withDeletionTimestamp("2030-01-01T00:00:00Z").endMetadata();
    }
    for (String o : ownerUids) {
      b.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withUid(o).withKind("Pod")
          .withName(o).withApiVersion("v1").withBlockOwnerDeletion(true).withController(true)
          .build()).endMetadata();
    }
    return b.build();
  }

  @ParameterizedTest(name = "owners {0} -> delete self {1}, drop {2}")
  @CsvSource({
      "'', '', ''",
      "'a=PRESENT', '', ''",
      "'a=ABSENT', Background, ''",
      "'a=DELETING_FOREGROUND', Foreground, ''",
      "'a=ABSENT b=DELETING_FOREGROUND', Foreground, ''",
      "'a=ABSENT b=PRESENT', '', a",
  })
  void dependentOfOwners(String owners, String deleteSelf, String drop) {
    Map<String, OwnerState> m = new LinkedHashMap<>();
    for (String s : owners.isEmpty() ? new String[0] : owners.split(" ")) {
      String[] kv = s.split("=");
      m.put(kv[0], OwnerState.valueOf(kv[1]));
    }
    var plan = GarbageCollection.plan(obj("d", null, false), m, List.of());
    assertThat(plan.deleteSelf()).isEqualTo(deleteSelf.isEmpty() ? null : deleteSelf);
    assertThat(plan.dropOwnerRefs()).isEqualTo(drop.isEmpty() ? List.of() : List.of(drop));
  }

  @Test
  void orphaningOwnerStripsItsDependentsThenItsFinalizer() {
    Pod owner = obj("o", "orphan", true);
    Pod dep = obj("d", null, false, "uid-o");
    var plan = GarbageCollection.plan(owner, Map.of(), List.of(dep));
    assertThat(plan.orphan()).containsExactly(dep);
    assertThat(plan.removeOrphanFinalizer()).isTrue();
    assertThat(plan.deleteDependents()).isEmpty();
  }

  @Test
  void foregroundOwnerWaitsForBlockingDependents() {
    Pod owner = obj("o", "foregroundDeletion", true);
    Pod live = obj("live", null, false, "uid-o");
    Pod going = obj("going", null, true, "uid-o");
    var plan = GarbageCollection.plan(owner, Map.of(), List.of(live, going));
    assertThat(plan.deleteDependents()).containsExactly(live);
    assertThat(plan.removeForegroundFinalizer()).isFalse();
    assertThat(GarbageCollection.plan(owner, Map.of(), List.of()).removeForegroundFinalizer())
        .isTrue();
  }

  @Test
  void aBeingDeletedObjectIsNotDeletedAgain() {
    assertThat(GarbageCollection.plan(obj("d", null, true, "x"), Map.of(), List.of()).isEmpty())
        .isTrue();
  }

  /** Recording fake: objects by key, owners' states by UID. */
  static final class RecordingApi implements GarbageCollectorApi {
    final Map<String, HasMetadata> objects = new LinkedHashMap<>();
    final Map<String, OwnerState> owners = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<HasMetadata> get(String key) {
      return Optional.ofNullable(objects.get(key));
    }

    @Override
    public List<HasMetadata> dependents(String ownerUid) {
      return objects.values().stream().filter(o -> o.getMetadata().getOwnerReferences() != null
          && o.getMetadata().getOwnerReferences().stream().anyMatch(r -> r.getUid().equals(ownerUid)))
          .toList();
    }

    @Override
    public OwnerState owner(String namespace, io.fabric8.kubernetes.api.model.OwnerReference ref) {
      return owners.getOrDefault(ref.getUid(), OwnerState.ABSENT);
    }

    @Override
    public void delete(HasMetadata obj, String propagationPolicy) {
      calls.add("delete " + obj.getMetadata().getName() + " " + propagationPolicy);
    }

    @Override
    public void removeOwnerReference(HasMetadata dependent, String ownerUid) {
      calls.add("unown " + dependent.getMetadata().getName() + " " + ownerUid);
    }

    @Override
    public void removeFinalizer(HasMetadata obj, String finalizer) {
      calls.add("unfinalize " + obj.getMetadata().getName() + " " + finalizer);
    }
  }

  @Test
  void reconcilerRunsThePlansAgainstTheApi() {
    RecordingApi api = new RecordingApi();
    GarbageCollectorReconciler r = new GarbageCollectorReconciler(api);
    api.objects.put("Pod/ns/rs", obj("rs", "orphan", true));
    api.objects.put("Pod/ns/p1", obj("p1", null, false, "uid-rs"));
    r.reconcile("Pod/ns/rs");
    assertThat(api.calls).containsExactly("unown p1 uid-rs", "unfinalize rs orphan");

    api.calls.clear();
    api.objects.put("Pod/ns/rs", obj("rs", null, false, "uid-deploy"));
    r.reconcile("Pod/ns/rs"); // its owner is absent
    assertThat(api.calls).containsExactly("delete rs Background");

    api.calls.clear();
    r.reconcile("Pod/ns/missing");
    assertThat(api.calls).isEmpty();
  }
}

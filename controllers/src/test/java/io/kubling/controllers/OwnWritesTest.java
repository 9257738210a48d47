package io.kubling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.Test;

class OwnWritesTest {
  final OwnWrites<ReplicaSet> writes = new OwnWrites<>();

  static ReplicaSet at(String resourceVersion, int statusReplicas) {
    return new ReplicaSetBuilder(Fixtures.replicaSet("web", 3, "u")).editMetadata()
        .withResourceVersion(resourceVersion).endMetadata().withNewStatus()
        .withReplicas(statusReplicas).endStatus().build();
  }

  @Test
  void ourWriteStandsInWhileTheCacheStillShowsTheVersionItReplaced() {
    writes.wrote("ns/web", "10", at("11", 2));
    assertThat(writes.freshest("ns/web", at("10", 1)).getMetadata().getResourceVersion())
        .isEqualTo("11");
  }

  @Test
  void aChainOfOurWritesStandsInForEveryVersionItReplaced() {
    writes.wrote("ns/web", "10", at("11", 2));
    writes.wrote("ns/web", "11", at("12", 3));
    assertThat(writes.freshest("ns/web", at("10", 1)).getStatus().getReplicas()).isEqualTo(3);
    assertThat(writes.freshest("ns/web", at("11", 2)).getStatus().getReplicas()).isEqualTo(3);
  }

  @Test
  void theCacheWinsOnceItShowsAnyOtherVersion() {
    writes.wrote("ns/web", "10", at("11", 2));
    // the cache caught up with our write
    assertThat(writes.freshest("ns/web", at("11", 2)).getStatus().getReplicas()).isEqualTo(2);
    assertThat(writes.size()).isZero();
    // someone else wrote after us (a scale): their version is never hidden
    writes.wrote("ns/web", "20", at("21", 2));
    assertThat(writes.freshest("ns/web", at("22", 0)).getMetadata().getResourceVersion())
        .isEqualTo("22");
    assertThat(writes.freshest("ns/web", at("20", 0)).getMetadata().getResourceVersion())
        .isEqualTo("20");
  }

  @Test
  void aWriteOverSomeoneElsesVersionForgetsTheOlderOnes() {
    writes.wrote("ns/web", "10", at("11", 2));
    writes.wrote("ns/web", "15", at("16", 3)); // after a re-read on conflict
    assertThat(writes.freshest("ns/web", at("10", 1)).getMetadata().getResourceVersion())
        .isEqualTo("10");
  }

  @Test
  void aDeletedObjectIsGoneAndForgotten() {
    writes.wrote("ns/web", "10", at("11", 2));
    assertThat(writes.freshest("ns/web", null)).isNull();
    assertThat(writes.size()).isZero();
  }
}

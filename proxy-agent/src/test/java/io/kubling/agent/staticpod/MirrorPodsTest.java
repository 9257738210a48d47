package io.kubling.agent.staticpod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class MirrorPodsTest {
  static Pod manifest(String image) {
    return new PodBuilder().withNewMetadata().withName("etcd").withUid("u-1")
        .withResourceVersion("9").endMetadata().withNewSpec().addNewContainer().withName("c")
        .withImage(image).endContainer().endSpec().withNewStatus().withPhase("Running")
        .endStatus().build();
  }

  @Test
  void theMirrorIsNamedAfterTheNodeBoundToItOwnedByItAndAnnotated() {
    Pod m = MirrorPods.mirror(manifest("etcd:3.5"), "node1", "node-uid");
    assertThat(m.getMetadata().getName()).isEqualTo("etcd-node1");
    assertThat(m.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(m.getMetadata().getUid()).isNull();
    assertThat(m.getMetadata().getResourceVersion()).isNull();
    assertThat(m.getStatus()).isNull();
    assertThat(m.getSpec().getNodeName()).isEqualTo("node1");
    assertThat(m.getMetadata().getAnnotations().get(MirrorPods.MIRROR))
        .isEqualTo(m.getMetadata().getAnnotations().get(MirrorPods.HASH)).hasSize(32);
    assertThat(m.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("Node");
      assertThat(o.getUid()).isEqualTo("node-uid");
      assertThat(o.getController()).isTrue();
    });
    assertThat(MirrorPods.isMirrorOf(m, "node1")).isTrue();
    assertThat(MirrorPods.isMirrorOf(m, "node2")).isFalse();
    assertThat(MirrorPods.isMirrorOf(manifest("x"), "node1")).isFalse();
  }

  @Test
  void theHashFollowsTheManifestsContent() {
    String a = MirrorPods.hash(manifest("etcd:3.5"));
    assertThat(MirrorPods.hash(manifest("etcd:3.5"))).isEqualTo(a);
    assertThat(MirrorPods.hash(manifest("etcd:3.6"))).isNotEqualTo(a);
  }

  @Test
  void badManifestsAreNamed() {
    assertThat(StaticPodManifests.problem("text")).startsWith("not a Pod");
    assertThat(StaticPodManifests.problem(new PodBuilder().withNewMetadata().endMetadata()
        .build())).isEqualTo("metadata.name is required");
    assertThat(StaticPodManifests.problem(new PodBuilder().withNewMetadata().withName("x")
        .endMetadata().withNewSpec().endSpec().build())).isEqualTo("spec.containers is required");
    assertThat(StaticPodManifests.problem(manifest("x"))).isNull();
  }
}

package io.kubling.controllers.rootcacertpublisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which kube-root-ca.crt change a namespace needs. */
class RootCaConfigMapsTest {
  static final String CA = "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n";
  static final Namespace ACTIVE = new NamespaceBuilder().withNewMetadata().withName("team")
      .endMetadata().build();

  @Test
  void aNamespaceWithoutItGetsOneWithTheBundleAndKubesDescription() {
    var c = RootCaConfigMaps.change(ACTIVE, Optional.empty(), CA).orElseThrow();
    assertThat(c.create()).isTrue();
    assertThat(c.configMap().getMetadata().getNamespace()).isEqualTo("team");
    assertThat(c.configMap().getMetadata().getName()).isEqualTo("kube-root-ca.crt");
    assertThat(c.configMap().getData()).isEqualTo(Map.of("ca.crt", CA));
    assertThat(c.configMap().getMetadata().getAnnotations().get("kubernetes.io/description"))
        .startsWith("Contains a CA bundle that can be used to verify the kube-apiserver");
  }

  @Test
  void aRightOneStaysAndAnEditedOneIsSetBackWithoutTouchingTheCachedCopy() {
    ConfigMap right = RootCaConfigMaps.change(ACTIVE, Optional.empty(), CA).orElseThrow()
        .configMap();
    assertThat(RootCaConfigMaps.change(ACTIVE, Optional.of(right), CA)).isEmpty();
    ConfigMap edited = new ConfigMapBuilder(right).withData(Map.of("ca.crt", "x", "y", "z"))
        .build();
    var c = RootCaConfigMaps.change(ACTIVE, Optional.of(edited), CA).orElseThrow();
    assertThat(c.create()).isFalse();
    assertThat(c.configMap().getData()).isEqualTo(Map.of("ca.crt", CA));
    assertThat(edited.getData()).containsEntry("y", "z");
  }

  @Test
  void aTerminatingNamespaceGetsNothing() {
    Namespace ending = new NamespaceBuilder(ACTIVE).withNewStatus().withPhase("Terminating")
        .endStatus().build();
    assertThat(RootCaConfigMaps.change(ending, Optional.empty(), CA)).isEmpty();
  }
}

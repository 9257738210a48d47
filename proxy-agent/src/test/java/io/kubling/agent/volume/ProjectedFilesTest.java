package io.kubling.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the kube-api-access volume the API server adds turns into on the node. */
class ProjectedFilesTest {
  /** The volume exactly as kubling's (and Kubernetes') ServiceAccount admission writes it. */
  static final String KUBE_API_ACCESS = """
      {"name":"kube-api-access-x7k2p","projected":{"sources":[
       {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
       {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
       {"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1",
        "fieldPath":"metadata.namespace"},"path":"namespace"}]}}],"defaultMode":420}}""";

  static final Pod POD = new PodBuilder().withNewMetadata().withName("web").withNamespace("team")
      .withUid("u-1").endMetadata().build();

  static Map<String, String> text(Map<String, byte[]> files) {
    Map<String, String> m = new TreeMap<>();
    files.forEach((k, v) -> m.put(k, new String(v, StandardCharsets.UTF_8)));
    return m;
  }

  @Test
  void tokenCaAndNamespace() throws Exception {
    Volume v = Serialization.unmarshal(KUBE_API_ACCESS, Volume.class);
    assertThat(ProjectedFiles.projectsToken(v)).isTrue();
    var files = ProjectedFiles.files(POD, v, Map.of("token", "jwt"),
        name -> name.equals("kube-root-ca.crt") ? Map.of("ca.crt", "PEM", "other", "x") : null);
    assertThat(text(files)).isEqualTo(Map.of("token", "jwt", "ca.crt", "PEM",
        "namespace", "team"));
  }

  @Test
  void aMissingConfigMapFailsAsTheKubeletSaysUnlessOptional() throws Exception {
    Volume v = Serialization.unmarshal(KUBE_API_ACCESS, Volume.class);
    assertThatThrownBy(() -> ProjectedFiles.files(POD, v, Map.of("token", "jwt"), n -> null))
        .isInstanceOf(ProjectedFiles.Unsupported.class)
        .hasMessage("configmap \"kube-root-ca.crt\" not found");
    v.getProjected().getSources().get(1).getConfigMap().setOptional(true);
    assertThat(text(ProjectedFiles.files(POD, v, Map.of("token", "jwt"), n -> null)))
        .containsOnlyKeys("token", "namespace");
  }

  @Test
  void otherVolumesAreNotTokenVolumes() {
    assertThat(ProjectedFiles.projectsToken(Serialization.unmarshal(
        "{\"name\":\"d\",\"emptyDir\":{}}", Volume.class))).isFalse();
    assertThat(ProjectedFiles.projectsToken(Serialization.unmarshal(
        "{\"name\":\"p\",\"projected\":{\"sources\":[{\"configMap\":{\"name\":\"c\"}}]}}",
        Volume.class))).isFalse();
  }
}

package io.kubling.agent.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvResolverTest {
  static final EnvResolver.Lookup LOOKUP = new EnvResolver.Lookup() {
    @Override
    public Optional<Map<String, String>> configMap(String ns, String name) {
      return name.equals("cfg") ? Optional.of(Map.of("mode", "fast", "level", "3"))
          : Optional.empty();
    }

    @Override
    public Optional<Map<String, String>> secret(String ns, String name) {
      return name.equals("creds") ? Optional.of(Map.of("password", "s3cret")) : Optional.empty();
    }
  };

  static final Pod POD = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop")
      .withUid("u-1").addToLabels("app", "web").endMetadata().withNewSpec().withNodeName("node1")
      .endSpec().build();

  @Test
  void resolvesValueFromAndExpandsReferences() throws Exception {
    Container c = new ContainerBuilder().withName("main")
        .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("cfg").endConfigMapRef()
        .endEnvFrom()
        .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("NS").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("IP").withNewValueFrom().withNewFieldRef()
        .withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("NODE").withNewValueFrom().withNewFieldRef()
        .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("APP").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.labels['app']").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef().withName("cfg")
        .withKey("mode").endConfigMapKeyRef().endValueFrom().endEnv()
        .addNewEnv().withName("PASS").withNewValueFrom().withNewSecretKeyRef().withName("creds")
        .withKey("password").endSecretKeyRef().endValueFrom().endEnv()
        .addNewEnv().withName("URL").withValue("http://$(IP):80/$(POD)?x=$$(POD)&$(NOPE)").endEnv()
        .withCommand("echo", "$(MODE)").withArgs("$(PASS)").build();
    Map<String, String> env = EnvResolver.resolve(POD, c, "10.244.1.5", "10.250.0.1", LOOKUP);
    assertThat(env).containsEntry("CFG_mode", "fast").containsEntry("CFG_level", "3")
        .containsEntry("POD", "web").containsEntry("NS", "shop").containsEntry("IP", "10.244.1.5")
        .containsEntry("NODE", "node1").containsEntry("APP", "web")
        .containsEntry("MODE", "fast").containsEntry("PASS", "s3cret")
        .containsEntry("URL", "http://10.244.1.5:80/web?x=$(POD)&$(NOPE)");
    assertThat(EnvResolver.commandLine(c, env)).containsExactly("echo", "fast", "s3cret");
  }

  @ParameterizedTest
  @CsvSource({"missing,mode,false,configmap \"missing\" not found",
      "cfg,nokey,false,couldn't find key nokey in configmap cfg"})
  void missingReferencesAreConfigErrors(String name, String key, boolean optional, String msg) {
    Container c = new ContainerBuilder().withName("m").addNewEnv().withName("X").withNewValueFrom()
        .withNewConfigMapKeyRef().withName(name).withKey(key).withOptional(optional)
        .endConfigMapKeyRef().endValueFrom().endEnv().build();
    assertThatThrownBy(() -> EnvResolver.resolve(POD, c, "ip", "host", LOOKUP))
        .isInstanceOf(EnvResolver.ConfigError.class).hasMessage(msg);
  }

  @Test
  void optionalMissingReferencesAreSkipped() throws Exception {
    Container c = new ContainerBuilder().withName("m").addNewEnv().withName("X").withNewValueFrom()
        .withNewSecretKeyRef().withName("nope").withKey("k").withOptional(true)
        .endSecretKeyRef().endValueFrom().endEnv().build();
    assertThat(EnvResolver.resolve(POD, c, "ip", "host", LOOKUP)).doesNotContainKey("X");
  }

  @Test
  void builtinBehavioursAndUnsupportedImages() throws Exception {
    Container nginx = new ContainerBuilder().withName("n").withImage("docker.io/library/nginx:1.27")
        .addNewPort().withContainerPort(8080).endPort().build();
    assertThat(ContainerLaunches.argv(nginx, Map.of())).endsWith("http", "8080", "nginx");
    Container echo = new ContainerBuilder().withName("e").withImage("hashicorp/http-echo")
        .withArgs("-text=hello", "-listen=:5678").build();
    assertThat(ContainerLaunches.argv(echo, Map.of())).endsWith("echo", "5678", "hello");
    Container busybox = new ContainerBuilder().withName("b").withImage("busybox:1.36").build();
    assertThat(ContainerLaunches.argv(busybox, Map.of())).isEqualTo(List.of("sleep", "infinity"));
    Container args = new ContainerBuilder().withName("b").withImage("busybox")
        .withArgs("sh", "-c", "echo hi").build();
    assertThat(ContainerLaunches.argv(args, Map.of())).containsExactly("sh", "-c", "echo hi");
    Container pg = new ContainerBuilder().withName("p").withImage("postgres:16").build();
    assertThatThrownBy(() -> ContainerLaunches.argv(pg, Map.of()))
        .isInstanceOf(ContainerLaunches.NotRunnable.class)
        .hasMessageContaining("no built-in behaviour for postgres:16");
  }
}

package io.kubling.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.agent.AgentFlags;
import io.kubling.agent.runtime.ShellQuote;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's flags for its kubelet API, static pods and the host-namespace guard. */
class KubeletFlagsTest {
  @Test
  void defaultsAndValues() {
    AgentFlags d = AgentFlags.parse(List.of("--node-name=n"), Map.of());
    assertThat(d.config().agentPort()).isEqualTo(10250);
    assertThat(d.kubeletEndpoint()).isEmpty();
    assertThat(d.allowHostNetns()).isFalse();
    assertThat(d.podManifestPath()).isEmpty();
    AgentFlags f = AgentFlags.parse(List.of("--kubelet-port=0", "--kubelet-endpoint",
        "127.0.0.1:4000", "--allow-host-netns", "--pod-manifest-path=/etc/kubling/manifests"),
        Map.of());
    assertThat(f.config().agentPort()).isZero();
    assertThat(f.kubeletEndpoint()).isEqualTo("127.0.0.1:4000");
    assertThat(f.allowHostNetns()).isTrue();
    assertThat(f.podManifestPath()).isEqualTo("/etc/kubling/manifests");
    assertThat(AgentFlags.parse(List.of("--allow-host-netns=false"), Map.of()).allowHostNetns())
        .isFalse();
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--allow-host-netns=yes"), Map.of()))
        .hasMessage("--allow-host-netns must be true or false, got yes");
  }

  @Test
  void execCommandsAreQuotedForScript() {
    assertThat(ShellQuote.join(List.of("sh", "-c", "echo 'hi' $HOME", "a=b", "")))
        .isEqualTo("sh -c 'echo '\\''hi'\\'' $HOME' a=b ''");
  }
}

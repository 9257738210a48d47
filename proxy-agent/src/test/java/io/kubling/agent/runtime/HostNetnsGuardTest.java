package io.kubling.agent.runtime;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.agent.AgentMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostNetnsGuardTest {
  @Test
  void refusesTheMachinesNamespaceInOneLineNamingTheFlag() {
    assertThatThrownBy(() -> HostNetnsGuard.check("net:[4026531840]", "net:[4026531840]",
        false, "allow-host-netns"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--allow-host-netns")
        .hasMessageContaining("machine's own network namespace")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void allowsANodeNamespaceOrWhenAskedOrWhenItCannotTell() {
    assertThatCode(() -> HostNetnsGuard.check("net:[4026532001]", "net:[4026531840]", false,
        "allow-host-netns")).doesNotThrowAnyException();
    assertThatCode(() -> HostNetnsGuard.check("net:[4026531840]", "net:[4026531840]", true,
        "allow-host-netns")).doesNotThrowAnyException();
    assertThatCode(() -> HostNetnsGuard.check(null, null, false, "allow-host-netns"))
        .doesNotThrowAnyException();
    assertThatCode(() -> HostNetnsGuard.check("net:[4026532001]", null, false,
        "allow-host-netns")).doesNotThrowAnyException();
  }

  @Test
  void withoutPid1sNamespaceTheKernelsInitialOneIsRefused() {
    assertThatThrownBy(() -> HostNetnsGuard.check(HostNetnsGuard.INITIAL_NETNS, null, false,
        "allow-host-netns")).hasMessageContaining("--allow-host-netns");
  }

  /**
   * Tests run in the machine's (or their container's) own network namespace, the one of pid 1:
   * as root, an agent asked for the netns runtime stops there before touching anything.
   */
  @Test
  void theAgentRefusesToStartTheNetnsRuntimeHere() {
    require(AgentMain.isRoot(), "needs root (the guard guards the netns runtime, which needs it)");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThatThrownBy(() -> AgentMain.run(List.of("--node-name=guard", "--runtime=netns",
        "--master=http://127.0.0.1:1", "--data-dir=/nonexistent/guard"), Map.of(),
        new PrintStream(err, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--allow-host-netns");
    assertThat(err.toString()).isEmpty();
  }
}

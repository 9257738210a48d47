package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AgentCommandTest {
  @Test
  void agentAndProxyAgentListTheirFlagsAndRefuseUnknownOnes() {
    for (String name : new String[] {"agent", "proxy-agent"}) {
      var cmd = Main.commandLine(k -> null);
      StringWriter out = new StringWriter();
      cmd.setOut(new PrintWriter(out));
      assertThat(cmd.execute(name, "--flags")).isZero();
      assertThat(out.toString()).contains("--fake-nodes N", "--runtime netns|fake",
          "--cni-bin-dir", "--pod-cidr", "--proxy-mode MODE", "--cluster-dns IP", "--cleanup");
    }
    var cmd = Main.commandLine(k -> null);
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("agent", "--bogus=1")).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("kubling agent: unknown flag: --bogus");
  }

  @Test
  void aProxyModeThatCannotRunIsOneLineBeforeAnythingStarts() {
    io.kubling.testkit.Requirements.require(io.kubling.agent.AgentMain.isRoot(),
        "the netns runtime (and so the proxy) needs root");
    var cmd = Main.commandLine(k -> null);
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("agent", "--proxy-mode=ipvs", "--runtime=netns",
        "--master=http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith(
        "kubling agent: proxy mode ipvs cannot run on this node: it needs ")
        .contains("--proxy-mode-fallback=iptables").doesNotContain("\n");
  }
}

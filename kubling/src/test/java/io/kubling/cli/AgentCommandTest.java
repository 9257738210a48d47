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
          "--cni-bin-dir", "--pod-cidr");
    }
    var cmd = Main.commandLine(k -> null);
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("agent", "--bogus=1")).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("kubling agent: unknown flag: --bogus");
  }
}

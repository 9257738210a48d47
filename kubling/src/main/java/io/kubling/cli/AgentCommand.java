package io.kubling.cli;

import io.kubling.agent.AgentFlags;
import io.kubling.agent.AgentMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code kubling agent} (alias {@code proxy-agent}): the node agent, kubling's kubelet. Its
 * flags are the agent's own ({@link AgentFlags}), passed through and refused there by name.
 */
@Command(name = "agent", aliases = "proxy-agent", mixinStandardHelpOptions = true,
    description = "Runs the node agent: registers the Node, heartbeats its Lease and runs the"
        + " pods bound to it (netns runtime as root, fake otherwise). `kubling agent --flags`"
        + " lists its flags.")
final class AgentCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (args.contains("--flags")) {
      AgentFlags.help().forEach(spec.commandLine().getOut()::println);
      return 0;
    }
    try {
      AgentMain.run(args, System.getenv(), System.err);
    } catch (IllegalArgumentException e) {
      throw new UserError("kubling agent: " + e.getMessage());
    }
    return 0;
  }
}

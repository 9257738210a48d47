package io.kubling.cli;

import io.kubling.cli.pki.CertsCommand;
import io.kubling.cli.snapshot.EtcdSnapshotCommand;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * The {@code kubling} command. Errors reach the user as one plain line: usage errors exit
 * with 2, failures with 1.
 */
@Command(name = "kubling", mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    subcommands = {ServerCommand.class, ApiServerCommand.class, SchedulerCommand.class,
        ControllerManagerCommand.class, IngressControllerCommand.class, AgentCommand.class,
        EtcdSnapshotCommand.class, CertsCommand.class, VersionCommand.class},
    description = "A small, real Kubernetes control plane.")
public final class Main {
  static final int EXIT_FAILURE = 1;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with kubling's error handling and environment defaults. */
  static CommandLine commandLine() {
    return commandLine(System::getenv);
  }

  static CommandLine commandLine(UnaryOperator<String> env) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setParameterExceptionHandler(usageError());
    cmd.setExecutionExceptionHandler(failure());
    cmd.setDefaultValueProvider(new EnvDefaults(env));
    // The agent's flag lines are up to ~100 columns; wrapped at 80 they would break mid-path.
    cmd.getSubcommands().get("agent").getCommandSpec().usageMessage()
        .footer(AgentCommand.footer()).width(110);
    return cmd;
  }

  private static IParameterExceptionHandler usageError() {
    return (ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println(oneLine(ex.getMessage()));
      cmd.getErr().flush();
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    };
  }

  private static IExecutionExceptionHandler failure() {
    return (ex, cmd, parsed) -> {
      String line = ex instanceof UserError ? ex.getMessage()
          : "kubling: unexpected " + ex.getClass().getSimpleName() + ": "
              + ApiServerLauncher.rootMessage(ex);
      cmd.getErr().println(oneLine(line));
      cmd.getErr().flush();
      return EXIT_FAILURE;
    };
  }

  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** For {@code kubling --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kubling " + VersionCommand.kublingVersion()};
    }
  }
}

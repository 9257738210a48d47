package io.kubling.cli;

import io.kubling.agent.AgentFlags;
import io.kubling.agent.AgentMain;
import io.kubling.agent.host.NodeHosts;
import io.kubling.cli.nodes.JoinedNode;
import io.kubling.cli.nodes.NodeCredentials;
import io.kubling.cli.nodes.NodeNetwork;
import io.kubling.component.config.ComponentFlags;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code kubling agent} (alias {@code proxy-agent}): the node agent, kubling's kubelet. Its
 * flags are the agent's own ({@link AgentFlags}), passed through and refused there by name;
 * each also reads {@code KUBLING_<FLAG>}. With {@code --server-data-dir} it joins one more
 * node to a running {@code kubling server} instead.
 */
@Command(name = "agent", aliases = "proxy-agent", mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Runs the node agent: registers the Node, heartbeats its Lease and runs the"
        + " pods bound to it (netns runtime as root, fake otherwise).",
        "With --server-data-dir it joins a running `kubling server`: as root in a node network"
            + " namespace of its own on the server's switch (its agent a supervised child"
            + " process), otherwise with the fake runtime against the server's API server.",
        "Every flag can also be set by the environment variable named after it"
            + " (--node-name: KUBLING_NODE_NAME)."})
final class AgentCommand implements Callable<Integer> {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  @Spec
  CommandSpec spec;

  @Option(names = "--server-data-dir", paramLabel = "<dir>",
      description = "Join the kubling server whose --data-dir this is."
          + " Env: KUBLING_SERVER_DATA_DIR.")
  Path serverDataDir;

  @Option(names = "--api-server", paramLabel = "<url>",
      description = "The API server's URL (the same as --master). Env: KUBLING_API_SERVER.")
  String apiServer;

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (args.contains("--flags")) {
      AgentFlags.help().forEach(out::println);
      return 0;
    }
    List<String> agentArgs = new ArrayList<>(args);
    if (apiServer != null && !apiServer.isBlank()) {
      agentArgs.addAll(List.of("--master", apiServer));
    }
    if (serverDataDir != null) {
      return join(agentArgs, out);
    }
    try {
      AgentMain.run(withEnvironment(agentArgs, System.getenv()), System.getenv(), System.err);
    } catch (IllegalArgumentException e) {
      throw new UserError("kubling agent: " + e.getMessage());
    }
    return 0;
  }

  private int join(List<String> agentArgs, PrintWriter out) throws Exception {
    NodeNetwork net;
    try {
      net = NodeNetwork.load(serverDataDir).orElseThrow(() -> new UserError("kubling agent: no"
          + " kubling server has run on " + serverDataDir + " (no nodes/network.properties)"));
    } catch (IOException e) {
      throw new UserError("kubling agent: cannot read " + serverDataDir + ": " + e.getMessage());
    }
    if (!NodeHosts.usable()) {
      // Without root there is no node namespace to join: a fake node of the same cluster,
      // with its own node credentials (made now if it has none, signed by the cluster CA).
      List<String> withEnv = withEnvironment(agentArgs, System.getenv());
      String node;
      try {
        node = AgentFlags.parse(withEnv, System.getenv()).config().nodeName();
      } catch (IllegalArgumentException e) {
        throw new UserError("kubling agent: " + e.getMessage());
      }
      try {
        agentArgs.addAll(List.of("--kubeconfig",
            NodeCredentials.write(net.dataDir(), node, net.apiServer()).toString()));
      } catch (IOException e) {
        throw new UserError("kubling agent: " + e.getMessage());
      }
      agentArgs.addAll(List.of("--master", net.apiServer()));
      AgentMain.run(withEnvironment(agentArgs, System.getenv()), System.getenv(), System.err);
      return 0;
    }
    ShutdownSequence shutdown = ShutdownSequence.install(out);
    CountDownLatch serverGone = new CountDownLatch(1);
    JoinedNode node;
    try {
      node = JoinedNode.join(net, agentArgs, line -> {
        out.println(line);
        out.flush();
      }, serverGone::countDown);
    } catch (IOException e) {
      throw new UserError("kubling agent: cannot join the server on " + serverDataDir + ": "
          + e.getMessage());
    }
    shutdown.add("node " + node.name(), node);
    node.awaitReady(net, READY_TIMEOUT);
    serverGone.await();
    throw new UserError("kubling agent: the server on " + serverDataDir
        + " removed this node's namespace (it stopped); stopping");
  }

  /**
   * The arguments with every agent flag not given on the command line taken from its
   * environment variable ({@code --node-name} from {@code KUBLING_NODE_NAME}).
   */
  static List<String> withEnvironment(List<String> args, Map<String, String> env) {
    List<String> all = new ArrayList<>(args);
    for (String flag : AgentFlags.NAMES) {
      String value = env.get(ComponentFlags.envName(flag));
      boolean given = args.stream().anyMatch(a -> a.equals("--" + flag)
          || a.startsWith("--" + flag + "="));
      if (value != null && !value.isEmpty() && !given) {
        all.add("--" + flag + "=" + value);
      }
    }
    return all;
  }

  /** The agent's own flags and their variables, for --help. */
  static String footer() {
    StringBuilder b = new StringBuilder("%nAgent flags (each also KUBLING_<FLAG>, e.g."
        + " KUBLING_NODE_NAME, KUBLING_MASTER):%n");
    for (String line : AgentFlags.help()) {
      b.append("  ").append(line.replace("%", "%%")).append("%n");
    }
    return b.toString();
  }
}

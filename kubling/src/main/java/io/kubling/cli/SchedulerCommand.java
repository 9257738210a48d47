package io.kubling.cli;

import io.kubling.component.config.ComponentOptions;
import io.kubling.component.config.GoDuration;
import io.kubling.component.config.LeaderElectionOptions;
import io.kubling.scheduler.SchedulerOptions;
import io.kubling.scheduler.SchedulerServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kubling scheduler}: the scheduler alone, against an API server that runs elsewhere. */
@Command(name = "scheduler", mixinStandardHelpOptions = true, showDefaultValues = true,
    sortOptions = false,
    description = {"Runs the scheduler alone: binds pods with no node to a node. Ctrl-C stops it."
        + " Every flag can also be set by the environment variable named after it."})
final class SchedulerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ApiClientFlags api;

  @Option(names = "--scheduler-name", defaultValue = SchedulerOptions.DEFAULT_SCHEDULER_NAME,
      paramLabel = "<name>", description = "Schedule pods whose spec.schedulerName is this."
          + " Env: KUBLING_SCHEDULER_NAME.")
  String schedulerName;

  @Option(names = "--percentage-of-nodes-to-score", defaultValue = "0", paramLabel = "<0-100>",
      description = "Stop filtering once this share of the nodes is feasible; 0 is Kubernetes'"
          + " adaptive default. Env: KUBLING_PERCENTAGE_OF_NODES_TO_SCORE.")
  int percentageOfNodesToScore;

  @Option(names = "--parallel-bindings", defaultValue = "64", paramLabel = "<n>",
      description = "Binding requests in flight at once. Env: KUBLING_PARALLEL_BINDINGS.")
  int parallelBindings;

  @Option(names = "--leader-elect", defaultValue = "true", arity = "0..1", paramLabel = "<bool>",
      description = "Elect a leader among scheduler instances through a Lease before"
          + " scheduling. Env: KUBLING_LEADER_ELECT.")
  boolean leaderElect;

  @Option(names = "--leader-elect-lease-duration", defaultValue = "15s", paramLabel = "<duration>",
      description = "How long standbys wait after the last renewal before taking over."
          + " Env: KUBLING_LEADER_ELECT_LEASE_DURATION.")
  String leaseDuration;

  @Option(names = "--leader-elect-renew-deadline", defaultValue = "10s", paramLabel = "<duration>",
      description = "How long the leader keeps trying to renew before it stops leading."
          + " Env: KUBLING_LEADER_ELECT_RENEW_DEADLINE.")
  String renewDeadline;

  @Option(names = "--leader-elect-retry-period", defaultValue = "2s", paramLabel = "<duration>",
      description = "How often candidates try to acquire and the leader renews."
          + " Env: KUBLING_LEADER_ELECT_RETRY_PERIOD.")
  String retryPeriod;

  @Option(names = "--leader-elect-resource-name", defaultValue = "kube-scheduler",
      paramLabel = "<name>", description = "Name of the Lease."
          + " Env: KUBLING_LEADER_ELECT_RESOURCE_NAME.")
  String leaseName;

  @Option(names = "--leader-elect-resource-namespace", defaultValue = "kube-system",
      paramLabel = "<namespace>", description = "Namespace of the Lease."
          + " Env: KUBLING_LEADER_ELECT_RESOURCE_NAMESPACE.")
  String leaseNamespace;

  @Option(names = "--bind-address", defaultValue = "0.0.0.0", paramLabel = "<ip>",
      description = "Address /healthz and /metrics listen on. Env: KUBLING_BIND_ADDRESS.")
  String bindAddress;

  @Option(names = "--healthz-port", defaultValue = "10259", paramLabel = "<port>",
      description = "Port of /healthz and /metrics; 0 picks a free one."
          + " Env: KUBLING_HEALTHZ_PORT.")
  int healthzPort;

  /** The options the flags describe; a bad value is a usage error naming its flag. */
  SchedulerOptions toOptions() {
    try {
      LeaderElectionOptions le = new LeaderElectionOptions(leaderElect,
          duration("--leader-elect-lease-duration", leaseDuration),
          duration("--leader-elect-renew-deadline", renewDeadline),
          duration("--leader-elect-retry-period", retryPeriod), leaseName, leaseNamespace);
      ComponentOptions c = new ComponentOptions(api.kubeconfig,
          api.master, le, bindAddress, healthzPort);
      return new SchedulerOptions(c, schedulerName, percentageOfNodesToScore, parallelBindings);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static java.time.Duration duration(String flag, String text) {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid value for " + flag + ": " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    SchedulerOptions options = toOptions();
    PrintWriter out = spec.commandLine().getOut();
    ShutdownSequence shutdown = ShutdownSequence.install(out);
    try {
      SchedulerServer server = SchedulerServer.start(options);
      shutdown.add("scheduler", server);
      out.println("scheduler " + options.schedulerName() + " started (healthz and metrics on port "
          + server.healthzPort() + ")");
      out.flush();
    } catch (RuntimeException e) {
      shutdown.run();
      throw new UserError("scheduler did not start: " + ApiServerLauncher.rootMessage(e));
    }
    new CountDownLatch(1).await();
    return 0;
  }
}

package io.kubling.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.component.config.GoDuration;
import io.kubling.component.config.LeaderElectionOptions;
import io.kubling.component.leaderelection.LeaderElection;
import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kubling controller-manager}: kube-controller-manager, against a running API server. */
@Command(name = "controller-manager", mixinStandardHelpOptions = true, showDefaultValues = true,
    sortOptions = false,
    description = {"Runs the controllers (namespace, serviceaccount, garbagecollector, replicaset,"
        + " deployment, endpoint, endpointslice, nodeipam, nodelifecycle, daemonset, servicelb)"
        + " while it"
        + " holds the leader Lease. Every flag can also be set by the environment variable"
        + " named after it (KUBLING_<FLAG>)."})
final class ControllerManagerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ApiClientFlags api;

  @Option(names = "--controllers", split = ",", defaultValue = "*", paramLabel = "<name>",
      description = "Controllers to run: * for all, foo to add, -foo to leave out.")
  List<String> controllers;

  @Option(names = "--cluster-cidr", defaultValue = "10.244.0.0/16", paramLabel = "<cidr>",
      description = "Pod network that node IPAM cuts into per-node ranges.")
  String clusterCidr;

  @Option(names = "--node-cidr-mask-size", defaultValue = "24", paramLabel = "<bits>",
      description = "Prefix length of each node's pod range.")
  int nodeCidrMaskSize;

  @Mixin
  LoadBalancerFlags loadBalancer;

  @Option(names = "--node-monitor-grace-period", defaultValue = "40s", paramLabel = "<duration>",
      description = "How long a node may be silent before it is marked Ready=Unknown.")
  String nodeMonitorGracePeriod;

  @Option(names = "--node-monitor-period", defaultValue = "5s", paramLabel = "<duration>",
      description = "How often node lifecycle checks every node.")
  String nodeMonitorPeriod;

  @Option(names = {"--pod-eviction-timeout"}, defaultValue = "5m", paramLabel = "<duration>",
      description = "How long pods without a toleration of their own stay on an unreachable"
          + " node before eviction (the default tolerationSeconds).")
  String podEvictionTimeout;

  @Option(names = "--default-unreachable-toleration-seconds", paramLabel = "<seconds>",
      description = "The same in seconds, as kube-apiserver names it; overrides"
          + " --pod-eviction-timeout when given.")
  Integer defaultUnreachableTolerationSeconds;

  @Option(names = "--concurrent-replicaset-syncs", defaultValue = "5", paramLabel = "<n>",
      description = "ReplicaSets synced at once.")
  int replicaSetSyncs;

  @Option(names = "--concurrent-deployment-syncs", defaultValue = "5", paramLabel = "<n>",
      description = "Deployments synced at once.")
  int deploymentSyncs;

  @Option(names = "--concurrent-endpoint-syncs", defaultValue = "5", paramLabel = "<n>",
      description = "Services whose Endpoints are synced at once.")
  int endpointSyncs;

  @Option(names = "--concurrent-service-endpoint-syncs", defaultValue = "5", paramLabel = "<n>",
      description = "Services whose EndpointSlices are synced at once.")
  int endpointSliceSyncs;

  @Option(names = "--concurrent-gc-syncs", defaultValue = "20", paramLabel = "<n>",
      description = "Garbage collector workers.")
  int gcSyncs;

  @Option(names = "--concurrent-namespace-syncs", defaultValue = "10", paramLabel = "<n>",
      description = "Namespaces emptied at once.")
  int namespaceSyncs;

  @Option(names = "--concurrent-daemonset-syncs", defaultValue = "2", paramLabel = "<n>",
      description = "DaemonSets synced at once.")
  int daemonSetSyncs;

  @Option(names = "--leader-elect", defaultValue = "true", arity = "0..1", paramLabel = "<bool>",
      description = "Elect a leader through a Lease before running the controllers.")
  boolean leaderElect;

  @Option(names = "--leader-elect-lease-duration", defaultValue = "15s", paramLabel = "<duration>",
      description = "How long standbys wait after the last renewal before taking over.")
  String leaseDuration;

  @Option(names = "--leader-elect-renew-deadline", defaultValue = "10s", paramLabel = "<duration>",
      description = "How long the leader keeps retrying a renewal before stepping down.")
  String renewDeadline;

  @Option(names = "--leader-elect-retry-period", defaultValue = "2s", paramLabel = "<duration>",
      description = "How often candidates try to acquire and the leader renews.")
  String retryPeriod;

  @Option(names = "--leader-elect-resource-name", defaultValue = ControllerManagerOptions.NAME,
      paramLabel = "<name>", description = "Name of the leader Lease.")
  String resourceName;

  @Option(names = "--leader-elect-resource-namespace", defaultValue = "kube-system",
      paramLabel = "<namespace>", description = "Namespace of the leader Lease.")
  String resourceNamespace;

  @Option(names = "--bind-address", defaultValue = "0.0.0.0", paramLabel = "<ip>",
      description = "Address of the /healthz and /metrics server.")
  String bindAddress;

  @Option(names = {"--healthz-port", "--secure-port"}, defaultValue = "10257",
      paramLabel = "<port>", description = "Port of the /healthz and /metrics server (0: any).")
  int healthzPort;

  @Option(names = "--root-ca-file", defaultValue = "", paramLabel = "<file>",
      description = "The cluster CA, published as the kube-root-ca.crt ConfigMap in every"
          + " namespace (pods mount it as ca.crt); empty: not published.")
  String rootCaFile;

  @Override
  public Integer call() throws InterruptedException {
    ControllerManagerOptions options = toOptions();
    PrintWriter out = spec.commandLine().getOut();
    ShutdownSequence shutdown = ShutdownSequence.install(out);
    try {
      KubernetesClient client = KubeClients.create(options.component(),
          ClientSettings.defaults(ControllerManagerOptions.NAME));
      shutdown.add("client", client);
      ControllerManager manager = new ControllerManager(options, client,
          LeaderElection.defaultIdentity()).start();
      shutdown.add("controller-manager", manager);
      out.println("controller-manager: /healthz and /metrics on " + bindAddress + ":"
          + manager.healthzPort());
      out.flush();
    } catch (RuntimeException e) {
      shutdown.run();
      throw e;
    }
    new CountDownLatch(1).await();
    return 0;
  }

  ControllerManagerOptions toOptions() {
    try {
      ComponentOptions component = new ComponentOptions(api.kubeconfig, api.master,
          new LeaderElectionOptions(leaderElect, GoDuration.parse(leaseDuration),
              GoDuration.parse(renewDeadline), GoDuration.parse(retryPeriod), resourceName,
              resourceNamespace), bindAddress, healthzPort);
      Duration toleration = defaultUnreachableTolerationSeconds != null
          ? Duration.ofSeconds(defaultUnreachableTolerationSeconds)
          : GoDuration.parse(podEvictionTimeout);
      if (!rootCaFile.isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(
          rootCaFile))) {
        throw new IllegalArgumentException("--root-ca-file " + rootCaFile
            + ": no such readable file");
      }
      ControllerManagerOptions o = ControllerManagerOptions.defaults(component)
          .withControllers(controllers)
          .withClusterCidr(clusterCidr, nodeCidrMaskSize)
          .withLoadBalancerIpRange(loadBalancer.validated(spec))
          .withRootCaFile(rootCaFile)
          .withNodeMonitor(GoDuration.parse(nodeMonitorGracePeriod),
              GoDuration.parse(nodeMonitorPeriod), toleration)
          .withConcurrency("replicaset", replicaSetSyncs)
          .withConcurrency("deployment", deploymentSyncs)
          .withConcurrency("endpoint", endpointSyncs)
          .withConcurrency("endpointslice", endpointSliceSyncs)
          .withConcurrency("garbagecollector", gcSyncs)
          .withConcurrency("namespace", namespaceSyncs)
          .withConcurrency("daemonset", daemonSetSyncs);
      // Checked now so that a bad CIDR is a usage error, not a failure once leading.
      io.kubling.controllers.nodeipam.NodeCidrs.next(o.clusterCidr(), o.nodeCidrMaskSize(),
          java.util.Set.of());
      return o;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * The controller manager inside {@code kubling server}: all controllers, reaching the API
   * server with its own kubeconfig (system:kube-controller-manager); {@code url} is where the
   * {@code kubernetes} service's endpoints point. LoadBalancer addresses come from the given
   * range, none when empty; /healthz and /metrics on a free loopback port. Stopped by the
   * shutdown sequence before the API server.
   */
  static ControllerManager startInProcess(java.nio.file.Path kubeconfig,
      java.nio.file.Path rootCaFile, String url, String loadBalancerIpRange,
      ShutdownSequence shutdown, PrintWriter out) {
    ComponentOptions component = ServerCommand.withKubeconfig(
        ComponentOptions.defaults(ControllerManagerOptions.NAME, 0), kubeconfig);
    KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig,
        ClientSettings.defaults(ControllerManagerOptions.NAME));
    shutdown.add("controller-manager client", client);
    ControllerManager manager = new ControllerManager(
        ControllerManagerOptions.defaults(component).withApiServerUrl(url)
            .withLoadBalancerIpRange(loadBalancerIpRange)
            // Pods' token volumes need kube-root-ca.crt in their namespace.
            .withRootCaFile(rootCaFile.toString()), client,
        LeaderElection.defaultIdentity()).start();
    shutdown.add("controller-manager", manager);
    out.println("controller-manager started (/healthz, /metrics on 127.0.0.1:"
        + manager.healthzPort() + ")");
    return manager;
  }
}

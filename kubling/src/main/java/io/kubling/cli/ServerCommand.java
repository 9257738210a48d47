package io.kubling.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.apiserver.allocator.Ipv4Range;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.proxy.dns.KubeDnsService;
import io.kubling.apiserver.ApiServer;
import io.kubling.cli.etcd.EtcdBinary;
import io.kubling.cli.etcd.EtcdClientTls;
import io.kubling.cli.etcd.EtcdConfig;
import io.kubling.cli.etcd.EtcdException;
import io.kubling.cli.etcd.EtcdSupervisor;
import io.kubling.component.config.ComponentOptions;
import io.kubling.scheduler.SchedulerOptions;
import io.kubling.scheduler.SchedulerServer;
import io.kubling.cli.snapshot.SnapshotFlags;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kubling server}: a whole control plane in one process, secured as kubeadm secures
 * one (see {@link ServerSecurity}): the PKI is made at first start; etcd runs as a
 * supervised child over TLS with client-certificate auth; the API server, scheduler,
 * controller manager and ingress controller run in this JVM, each component with its own
 * kubeconfig; node agents run as supervised children in node network namespaces (a JVM
 * cannot enter another network namespace, so each agent is a process of its own), each with
 * its node's credentials; an admin kubeconfig is written.
 */
@Command(name = "server", mixinStandardHelpOptions = true, showDefaultValues = true,
    sortOptions = false,
    description = {"Makes the cluster's certificates under <data-dir>/pki at first start, then"
        + " runs etcd (as a supervised child process, TLS with client-certificate auth), the"
        + " API server, the scheduler, the controller manager and, as root, --nodes node"
        + " agents, each a supervised child process in a network namespace of its own; each"
        + " with a kubeconfig of its own; writes an admin kubeconfig. Ctrl-C stops them all"
        + " (the agents and their pods first, etcd last)."
        + " Every flag can also be set by the environment variable named after it."})
final class ServerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "<dir>",
      description = "Where etcd's data, etcd.log, the certificates (pki/) and the kubeconfigs"
          + " live. Env: KUBLING_DATA_DIR.")
  Path dataDir;

  @Mixin
  ApiServerFlags api;

  @Option(names = "--etcd-servers", split = ",", paramLabel = "<url>",
      description = "Client URLs of an etcd to use; when given, no etcd is started."
          + " Env: KUBLING_ETCD_SERVERS.")
  List<String> etcdServers;

  @Option(names = "--etcd-client-port", defaultValue = "2379", paramLabel = "<port>",
      description = "Client port of the etcd this starts (loopback). Env: KUBLING_ETCD_CLIENT_PORT.")
  int etcdClientPort;

  @Option(names = "--etcd-peer-port", defaultValue = "2380", paramLabel = "<port>",
      description = "Peer port of the etcd this starts (loopback). Env: KUBLING_ETCD_PEER_PORT.")
  int etcdPeerPort;

  @Option(names = "--kubeconfig", paramLabel = "<file>",
      description = "Where to write the admin kubeconfig (default: <data-dir>/kubeconfig)."
          + " Env: KUBLING_KUBECONFIG.")
  Path kubeconfig;

  @Mixin
  SnapshotFlags snapshots;

  @Mixin
  NodeFlags nodes;

  @Option(names = "--ingress-http-port", defaultValue = "80", paramLabel = "<port>",
      description = "HTTP port of the ingress controller, on --bind-address."
          + " Env: KUBLING_INGRESS_HTTP_PORT.")
  int ingressHttpPort;

  @Option(names = "--ingress-https-port", defaultValue = "443", paramLabel = "<port>",
      description = "HTTPS port of the ingress controller. Env: KUBLING_INGRESS_HTTPS_PORT.")
  int ingressHttpsPort;

  @Mixin
  LoadBalancerFlags loadBalancer;

  @Override
  public Integer call() throws InterruptedException {
    api.validate();
    validatePort("--etcd-client-port", etcdClientPort);
    validatePort("--etcd-peer-port", etcdPeerPort);
    String loadBalancerIpRange = loadBalancer.validated(spec);
    snapshots.validate(useExternalEtcd());
    PrintWriter out = spec.commandLine().getOut();
    int nodeCount = nodes.count(out);
    Path data = dataDir.toAbsolutePath().normalize();
    Path kubeconfigFile = (kubeconfig != null ? kubeconfig : data.resolve("kubeconfig"))
        .toAbsolutePath().normalize();

    ShutdownSequence shutdown = ShutdownSequence.install(out);
    try {
      // Checked before anything is written: a missing etcd or a taken port leaves no PKI.
      Path etcdBinary = useExternalEtcd() ? null : etcdPrerequisites();
      ServerSecurity security = ServerSecurity.prepare(data, api.serviceClusterIpRange,
          ServerSecurity.sans(api.bindAddress, nodes.addresses(nodeCount)),
          nodes.names(nodeCount), line -> println(out, line));
      List<String> etcd = useExternalEtcd() ? etcdServers
          : startEtcd(etcdBinary, data, security, shutdown, out);
      ApiServer server = ApiServerLauncher.start(
          security.apply(api.toOptions(etcd, security.serving()), !useExternalEtcd()), shutdown,
          out);
      String url = Kubeconfig.serverUrl(security.scheme(), api.bindAddress, server.port());
      // Every component with its own identity, as kubeadm's scheduler.conf and
      // controller-manager.conf give them.
      security.writeComponentKubeconfigs(url);
      // Started after the API server is ready, so stopped before it.
      startScheduler(security.schedulerKubeconfig(), shutdown, out);
      ControllerManagerCommand.startInProcess(security.controllerManagerKubeconfig(),
          security.rootCaFile(), server.url(), loadBalancerIpRange, shutdown, out);
      IngressControllerCommand.startInProcess(security.ingressControllerKubeconfig(),
          api.bindAddress, ingressHttpPort, ingressHttpsPort, shutdown, out);
      // The admin kubeconfig first: the server waits for the nodes with the admin's rights.
      Path adminKubeconfig = data.resolve("admin.conf");
      security.writeAdminKubeconfig(adminKubeconfig, url);
      createKubeDns(adminKubeconfig, out);
      // Registered last of the components, so stopped first: agents, then their pods.
      nodes.start(nodeCount, data, url, adminKubeconfig, shutdown, line -> println(out, line));
      // Snapshots reach etcd as the API server does: with the etcd client certificate.
      EtcdClientTls etcdClient = useExternalEtcd()
          ? new EtcdClientTls(api.etcdCaFile, api.etcdCertFile, api.etcdKeyFile)
          : security.etcdClient();
      snapshots.startSchedule(etcd, etcdClient, data, line -> println(out, line))
          .ifPresent(s -> shutdown.add("etcd snapshot schedule", s));
      security.writeAdminKubeconfig(kubeconfigFile, url);
      out.println("kubeconfig written to " + kubeconfigFile);
      out.println("export KUBECONFIG=" + kubeconfigFile);
      out.flush();
    } catch (RuntimeException e) {
      shutdown.run();
      throw e;
    }
    // The shutdown hook stops everything; this thread only has to stay out of the way.
    new CountDownLatch(1).await();
    return 0;
  }

  // Registered after the API server, so the shutdown sequence stops it first.
  private static void startScheduler(Path kubeconfig, ShutdownSequence shutdown,
      PrintWriter out) {
    SchedulerOptions options = SchedulerOptions.defaults().withComponent(
        withKubeconfig(ComponentOptions.defaults("kube-scheduler", 0), kubeconfig));
    SchedulerServer scheduler = SchedulerServer.start(options);
    shutdown.add("scheduler", scheduler);
    out.println("scheduler started (healthz and metrics on 127.0.0.1:" + scheduler.healthzPort()
        + ")");
  }

  /** A component's options reaching the API server through its own kubeconfig. */
  static ComponentOptions withKubeconfig(ComponentOptions defaults, Path kubeconfig) {
    return new ComponentOptions(kubeconfig.toString(), "", defaults.leaderElection(),
        "127.0.0.1", 0);
  }

  /**
   * kubeadm's DNS addon step, as the admin: the kube-dns Service at the service range's tenth
   * address (the agents' default --cluster-dns). Under RBAC a node may not create Services,
   * so the agents can only find it.
   */
  private void createKubeDns(Path adminKubeconfig, PrintWriter out) {
    String clusterDns = Ipv4Range.parse(api.serviceClusterIpRange).address(9);
    try (KubernetesClient admin = KubeClients.fromKubeconfig(adminKubeconfig,
        ClientSettings.defaults("kubling-server"))) {
      KubeDnsService.ensure(admin, clusterDns);
    }
    println(out, "kube-dns service at " + clusterDns);
  }

  private boolean useExternalEtcd() {
    return etcdServers != null && !etcdServers.isEmpty();
  }

  /** The etcd binary, once it is on PATH and the ports etcd and the API server need are free. */
  private Path etcdPrerequisites() {
    Path binary = EtcdBinary.onPath(System.getenv("PATH"))
        .orElseThrow(() -> new UserError(EtcdBinary.NOT_FOUND));
    Ports.requireFree("127.0.0.1", etcdClientPort, "--etcd-client-port");
    Ports.requireFree("127.0.0.1", etcdPeerPort, "--etcd-peer-port");
    Ports.requireFree(api.bindAddress, api.port, "--port");
    return binary;
  }

  private List<String> startEtcd(Path binary, Path data, ServerSecurity security,
      ShutdownSequence shutdown, PrintWriter out) {
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UserError("cannot create data dir " + data + ": " + e.getMessage());
    }
    EtcdConfig config = new EtcdConfig(binary, data.resolve("etcd"), data.resolve("etcd.log"),
        etcdClientPort, etcdPeerPort, security.etcdTls());
    snapshots.resetIfAsked(data, config.peerUrl(), line -> println(out, line));
    EtcdSupervisor etcd = new EtcdSupervisor(config, line -> println(out, line));
    shutdown.add("etcd", etcd);
    try {
      etcd.start();
    } catch (EtcdException e) {
      throw new UserError(e.getMessage());
    }
    return List.of(etcd.clientUrl());
  }

  private static void println(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }

  private void validatePort(String flag, int port) {
    if (port < 1 || port > 65535) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '" + flag + "': '" + port + "': not a port number");
    }
  }
}

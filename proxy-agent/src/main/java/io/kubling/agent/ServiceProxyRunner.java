package io.kubling.agent;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubling.proxy.ConntrackCleaner;
import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.Proxier;
import io.kubling.proxy.ProxyMode;
import io.kubling.proxy.ProxyModeSelection;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.RuleProxier;
import io.kubling.proxy.dns.DnsRecords;
import io.kubling.proxy.dns.DnsServer;
import io.kubling.proxy.dns.DnsZoneBuilder;
import io.kubling.proxy.dns.KubeDnsService;
import io.kubling.proxy.dns.NodeLocalDns;
import io.kubling.proxy.exec.CommandRunner;
import io.kubling.proxy.ipvs.IpvsSupport;
import io.kubling.proxy.sync.SnapshotBuilder;
import io.kubling.proxy.sync.SyncLoop;
import io.kubling.proxy.userspace.UserspaceProxier;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-proxy half of the node agent: picks the proxy mode (never falling back silently),
 * reports it on the Node, watches Services and EndpointSlices through the API server, programs
 * this node's network namespace through the sync loop, and serves service DNS on the node IP,
 * reachable from pods at the kube-dns ClusterIP ({@link NodeLocalDns} says how).
 */
public final class ServiceProxyRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceProxyRunner.class);

  private final List<AutoCloseable> closers = new ArrayList<>();
  private final ProxyModeSelection selection;
  private SyncLoop loop;

  private ServiceProxyRunner(ProxyModeSelection selection) {
    this.selection = selection;
  }

  public ProxyModeSelection selection() {
    return selection;
  }

  public SyncLoop syncLoop() {
    return loop;
  }

  /** What the machine lacks for a mode; empty when it can run. */
  static List<String> missing(ProxyMode mode) {
    return switch (mode) {
      case IPVS -> {
        List<String> m = new ArrayList<>(IpvsSupport.missing());
        if (m.isEmpty()) {
          m.add("an ipvsadm applier in this agent (ipvs rules are rendered, not yet applied)");
        }
        yield m;
      }
      case NFTABLES -> binaries("nft");
      case IPTABLES, USERSPACE -> binaries("iptables-restore");
    };
  }

  private static List<String> binaries(String name) {
    for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, name))) {
        return List.of();
      }
    }
    return List.of("the " + name + " tool");
  }

  /**
   * The mode selection for these flags.
   *
   * @throws IllegalArgumentException naming what is missing, when the mode cannot run here and
   *     no --proxy-mode-fallback was given
   */
  public static ProxyModeSelection checkMode(ServiceProxyFlags flags) {
    try {
      return ProxyModeSelection.select(flags.mode(), missing(flags.mode()), flags.fallback());
    } catch (ProxyModeSelection.UnavailableException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** --cleanup: removes what every mode may have installed on this node. */
  public static void cleanupAll(CommandRunner runner) throws IOException {
    RuleProxier.iptables(runner).cleanup();
    if (missing(ProxyMode.NFTABLES).isEmpty()) {
      RuleProxier.nftables(runner).cleanup();
    }
    try (UserspaceProxier u = new UserspaceProxier(runner)) {
      u.cleanup();
    }
  }

  /**
   * Starts the proxy and DNS of this node; the Node must be registered already.
   *
   * @throws IllegalArgumentException the mode cannot run and no fallback was given
   */
  public static ServiceProxyRunner start(KubernetesClient client, AgentConfig agent,
      ServiceProxyFlags flags) throws Exception {
    requireNonNull(client, "client should not be null");
    ProxyModeSelection sel = checkMode(flags);
    sel.reason().ifPresent(r -> log.atWarn().addKeyValue("requested", flags.mode().flagValue())
        .addKeyValue("actual", sel.actual().flagValue()).log(r));
    ServiceProxyRunner runner = new ServiceProxyRunner(sel);
    try {
      runner.run(client, agent, flags);
    } catch (Exception e) {
      runner.close();
      throw e;
    }
    return runner;
  }

  private void run(KubernetesClient client, AgentConfig agent, ServiceProxyFlags flags)
      throws Exception {
    annotateNode(client, agent.nodeName());
    // Few threads: the proxy shares the node with its pods (the userspace relay sizes its own).
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
    closers.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
    CommandRunner cmd = CommandRunner.local();
    Proxier proxier = switch (selection.actual()) {
      case IPTABLES -> RuleProxier.iptables(cmd);
      case NFTABLES -> RuleProxier.nftables(cmd);
      case USERSPACE -> new UserspaceProxier(vertx, cmd);
      case IPVS -> throw new IllegalStateException("unreachable: ipvs is refused by missing()");
    };
    closers.add(0, proxier);
    DnsServer dns = new DnsServer(vertx, new DnsRecords(flags.clusterDomain(), List.of()))
        .listen(agent.nodeIp(), flags.dnsPort());
    closers.add(0, dns);
    ensureKubeDns(client, flags.clusterDns());

    NodeConfig node = new NodeConfig(agent.nodeName(), List.of(agent.nodeIp()),
        flags.clusterCidr(), flags.serviceCidr());
    SharedIndexInformer<Service> services = client.services().inAnyNamespace()
        .runnableInformer(0);
    SharedIndexInformer<EndpointSlice> slices = client.discovery().v1().endpointSlices()
        .inAnyNamespace().runnableInformer(0);
    loop = new SyncLoop(() -> {
      List<Service> svc = services.getStore().list();
      List<EndpointSlice> eps = slices.getStore().list();
      dns.update(DnsZoneBuilder.build(svc, eps, flags.clusterDomain()));
      return NodeLocalDns.route(SnapshotBuilder.build(svc, eps, node), agent.nodeIp(),
          flags.dnsPort());
    }, proxier, flags.minSyncPeriod(), flags.syncPeriod());
    closers.add(0, loop);
    if (selection.actual() != ProxyMode.USERSPACE) {
      ConntrackCleaner conntrack = new ConntrackCleaner(cmd);
      loop.afterSync((before, after) -> {
        try {
          conntrack.flush(ConntrackCleaner.staleUdpFlows(before, after));
        } catch (IOException e) {
          log.atWarn().log("conntrack flush failed: " + e.getMessage());
        }
      });
    }
    ResourceEventHandler<Object> sync = new ResourceEventHandler<>() {
      @Override
      public void onAdd(Object obj) {
        loop.requestSync();
      }

      @Override
      public void onUpdate(Object oldObj, Object newObj) {
        loop.requestSync();
      }

      @Override
      public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
        loop.requestSync();
      }
    };
    services.addEventHandler(cast(sync));
    slices.addEventHandler(cast(sync));
    closers.add(0, services::stop);
    closers.add(0, slices::stop);
    // Both caches first: a snapshot from one filled cache and one empty cache would REJECT
    // every service for a moment.
    services.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    slices.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    loop.requestSync();
    log.atInfo().addKeyValue("node", agent.nodeName())
        .addKeyValue("mode", selection.actual().flagValue())
        .addKeyValue("dns", agent.nodeIp() + ":" + flags.dnsPort())
        .addKeyValue("clusterDns", flags.clusterDns()).log("service proxy started");
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> h) {
    return (ResourceEventHandler<T>) (ResourceEventHandler<?>) h;
  }

  /** Writes the mode in use on the Node, so that a fallback is visible with kubectl. */
  private void annotateNode(KubernetesClient client, String nodeName) {
    Map<String, Object> patch = Map.of("metadata", Map.of("annotations",
        Map.of(ProxyModeSelection.ANNOTATION, selection.annotationValue())));
    client.nodes().withName(nodeName).patch(PatchContext.of(PatchType.JSON_MERGE),
        Serialization.asJson(patch));
  }

  /** Creates kube-dns now, or keeps trying in the background until the API lets it. */
  private void ensureKubeDns(KubernetesClient client, String clusterDns) {
    ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kube-dns-ensure");
      t.setDaemon(true);
      return t;
    });
    closers.add(retry::shutdownNow);
    Runnable[] attempt = new Runnable[1];
    attempt[0] = () -> {
      try {
        KubeDnsService.ensure(client, clusterDns);
      } catch (RuntimeException e) {
        log.atWarn().log("kube-dns service not created yet: " + e.getMessage());
        retry.schedule(attempt[0], 5, TimeUnit.SECONDS);
      }
    };
    retry.execute(attempt[0]);
  }

  /** Stops watching; the kernel rules stay (as kube-proxy leaves them), userspace's go. */
  @Override
  public void close() {
    for (AutoCloseable c : closers) {
      try {
        c.close();
      } catch (Exception e) {
        log.atDebug().log("closing the proxy: " + e.getMessage());
      }
    }
    closers.clear();
  }
}

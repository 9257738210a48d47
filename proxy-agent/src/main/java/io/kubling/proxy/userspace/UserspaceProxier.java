package io.kubling.proxy.userspace;

import io.kubling.proxy.Endpoint;
import io.kubling.proxy.EndpointSets;
import io.kubling.proxy.Protocol;
import io.kubling.proxy.Proxier;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePort;
import io.kubling.proxy.ServicePortName;
import io.kubling.proxy.exec.CommandRunner;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userspace mode, kube-proxy's oldest: one Vert.x NetServer per TCP service port on a local
 * port, iptables REDIRECTs ClusterIP:port and NodePorts there, and each connection is spliced to
 * a backend picked by its {@link ServiceBalancer}. Unlike the kernel modes it can retry: when a
 * connect to a backend fails, it tries the next one before giving up.
 */
public final class UserspaceProxier implements Proxier {
  private static final Logger log = LoggerFactory.getLogger(UserspaceProxier.class);

  /** One service port's listener: a NetServer (TCP) or a {@link UdpPortal}. */
  private record Portal(ServicePort port, int localPort, NetServer tcp, UdpPortal udp,
      ServiceBalancer balancer) {}

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final NetClient client;
  private final UserspaceRules rules;
  private final Map<ServicePortName, Portal> portals = new HashMap<>();

  public UserspaceProxier(Vertx vertx, CommandRunner runner) {
    this(vertx, false, runner);
  }

  public UserspaceProxier(CommandRunner runner) {
    this(Vertx.vertx(), true, runner);
  }

  private UserspaceProxier(Vertx vertx, boolean ownsVertx, CommandRunner runner) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000)
        .setTcpNoDelay(true));
    this.rules = new UserspaceRules(runner);
  }

  @Override
  public synchronized void sync(ProxySnapshot snapshot, Set<ServicePortName> changed)
      throws IOException {
    Set<ServicePortName> seen = new HashSet<>();
    for (ServicePort sp : snapshot.services()) {
      seen.add(sp.name());
      Portal portal = portals.get(sp.name());
      if (portal != null && !portal.port().equals(sp)) {
        close(portals.remove(sp.name()));
        portal = null;
      }
      if (portal == null) {
        portal = open(sp);
        portals.put(sp.name(), portal);
      }
      portal.balancer().setEndpoints(EndpointSets.of(snapshot, sp).internal());
      if (portal.udp() != null) {
        portal.udp().endpointsChanged();
      }
    }
    for (ServicePortName gone : new HashSet<>(portals.keySet())) {
      if (!seen.contains(gone)) {
        close(portals.remove(gone));
      }
    }
    Map<ServicePortName, Integer> ports = new TreeMap<>();
    portals.forEach((k, v) -> ports.put(k, v.localPort()));
    rules.apply(UserspaceRenderer.render(snapshot, ports));
  }

  /** The local port serving a service port; for tests and the debug log. */
  public synchronized int proxyPort(ServicePortName name) {
    return portals.get(name).localPort();
  }

  private Portal open(ServicePort sp) throws IOException {
    ServiceBalancer balancer = new ServiceBalancer(sp.affinityTimeoutSeconds());
    if (sp.protocol() == Protocol.UDP) {
      try {
        UdpPortal udp = UdpPortal.open(vertx, balancer);
        log.atInfo().addKeyValue("service", sp.name()).addKeyValue("port", udp.port())
            .log("userspace udp portal opened");
        return new Portal(sp, udp.port(), null, udp, balancer);
      } catch (Exception e) {
        throw new IOException("cannot listen for " + sp.name(), e);
      }
    }
    NetServer server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true))
        .connectHandler(socket -> accept(sp, balancer, socket));
    try {
      server.listen(0, "0.0.0.0").await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("cannot listen for " + sp.name(), e);
    }
    log.atInfo().addKeyValue("service", sp.name()).addKeyValue("port", server.actualPort())
        .log("userspace portal opened");
    return new Portal(sp, server.actualPort(), server, null, balancer);
  }

  private void accept(ServicePort sp, ServiceBalancer balancer, NetSocket socket) {
    SocketSplice.hold(socket);
    connect(sp, balancer, socket, socket.remoteAddress().host(), new HashSet<>());
  }

  private void connect(ServicePort sp, ServiceBalancer balancer, NetSocket socket,
      String clientIP, Set<Endpoint> failed) {
    var choice = balancer.pick(clientIP, failed);
    if (choice.isEmpty()) {
      log.atWarn().addKeyValue("service", sp.name()).addKeyValue("failed", failed.size())
          .log("no backend accepted the connection");
      socket.close();
      return;
    }
    Endpoint ep = choice.get();
    client.connect(ep.port(), ep.ip()).onComplete(ar -> {
      if (ar.failed()) {
        failed.add(ep);
        log.atInfo().addKeyValue("service", sp.name()).addKeyValue("endpoint", ep.hostPort())
            .log("connect failed, trying the next backend");
        connect(sp, balancer, socket, clientIP, failed);
        return;
      }
      SocketSplice.between(socket, ar.result());
    });
  }

  private void close(Portal p) {
    if (p != null && p.tcp() != null) {
      p.tcp().close();
    } else if (p != null) {
      p.udp().close();
    }
  }

  @Override
  public synchronized void cleanup() throws IOException {
    portals.values().forEach(this::close);
    portals.clear();
    rules.cleanup();
  }

  @Override
  public void close() throws IOException {
    cleanup();
    client.close();
    if (ownsVertx) {
      vertx.close();
    }
  }
}

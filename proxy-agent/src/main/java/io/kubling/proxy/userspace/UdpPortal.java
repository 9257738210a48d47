package io.kubling.proxy.userspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.kubling.proxy.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userspace mode's relay for one UDP service port, as kube-proxy's udpProxySocket: each
 * client address gets its own upstream socket to a backend the balancer picked, replies go back
 * from the portal's socket (so conntrack undoes the REDIRECT), and a client idle for the timeout
 * loses its upstream socket.
 */
final class UdpPortal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpPortal.class);
  static final Duration IDLE = Duration.ofSeconds(30);

  private record Upstream(DatagramSocket socket, Endpoint endpoint) {}

  private final Vertx vertx;
  private final ServiceBalancer balancer;
  private final DatagramSocket portal;
  private final Cache<SocketAddress, Future<Upstream>> upstreams;

  private UdpPortal(Vertx vertx, ServiceBalancer balancer, DatagramSocket portal) {
    this.vertx = vertx;
    this.balancer = balancer;
    this.portal = portal;
    this.upstreams = Caffeine.newBuilder().expireAfterAccess(IDLE)
        .<SocketAddress, Future<Upstream>>removalListener((k, v, cause) -> {
          if (v != null && cause != RemovalCause.REPLACED) {
            v.onSuccess(u -> u.socket().close());
          }
        }).build();
  }

  static UdpPortal open(Vertx vertx, ServiceBalancer balancer) throws Exception {
    DatagramSocket socket = vertx.createDatagramSocket();
    UdpPortal p = new UdpPortal(vertx, balancer, socket);
    socket.handler(p::fromClient);
    socket.listen(0, "0.0.0.0").await(10, TimeUnit.SECONDS);
    return p;
  }

  int port() {
    return portal.localAddress().port();
  }

  private void fromClient(DatagramPacket packet) {
    Future<Upstream> up = upstreams.get(packet.sender(), this::connect);
    if (up != null) { // none: no backend, the datagram is dropped as a REJECTed one would be
      up.onSuccess(u -> u.socket().send(packet.data(), u.endpoint().port(), u.endpoint().ip()));
    }
  }

  private Future<Upstream> connect(SocketAddress client) {
    var ep = balancer.pick(client.host(), Set.of());
    if (ep.isEmpty()) {
      return null;
    }
    DatagramSocket s = vertx.createDatagramSocket();
    s.handler(reply -> portal.send(reply.data(), client.port(), client.host()));
    return s.listen(0, "0.0.0.0").map(x -> new Upstream(s, ep.get())).onFailure(e -> {
      upstreams.invalidate(client);
      log.atWarn().addKeyValue("endpoint", ep.get().hostPort())
          .log("udp upstream socket failed: " + e.getMessage());
    });
  }

  /** Drops the clients' upstreams to endpoints that left, so that their next datagram moves. */
  void endpointsChanged() {
    var eps = balancer.endpoints();
    upstreams.asMap().entrySet().removeIf(e -> e.getValue().succeeded()
        && !eps.contains(e.getValue().result().endpoint()));
  }

  @Override
  public void close() {
    upstreams.invalidateAll();
    upstreams.cleanUp();
    portal.close();
  }
}

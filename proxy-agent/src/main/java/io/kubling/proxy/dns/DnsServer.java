package io.kubling.proxy.dns;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's service DNS server over UDP: authoritative for the cluster domain, answers A and
 * SRV from the current {@link DnsRecords}, NXDOMAIN for unknown names in the zone, REFUSED for
 * names outside it (it is no recursive resolver), NOTIMP for other query types.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  private final Vertx vertx;
  private final AtomicReference<DnsRecords> records;
  private DatagramSocket socket;

  public DnsServer(Vertx vertx, DnsRecords initial) {
    this.vertx = vertx;
    this.records = new AtomicReference<>(initial);
  }

  /** Replaces the zone; called by whatever watches Services and EndpointSlices. */
  public void update(DnsRecords next) {
    records.set(next);
  }

  public DnsServer listen(String host, int port) throws Exception {
    socket = vertx.createDatagramSocket();
    socket.handler(packet -> {
      byte[] reply = respond(records.get(), packet.data().getBytes());
      if (reply != null) {
        socket.send(Buffer.buffer(reply), packet.sender().port(), packet.sender().host());
      }
    });
    socket.listen(port, host).await(10, TimeUnit.SECONDS);
    log.atInfo().addKeyValue("address", host + ":" + socket.localAddress().port())
        .log("service DNS listening");
    return this;
  }

  public int port() {
    return socket.localAddress().port();
  }

  /** The reply to one query packet; null when the packet is not a query worth answering. */
  static byte[] respond(DnsRecords zone, byte[] packet) {
    DnsMessage.Query q;
    try {
      q = DnsMessage.parse(packet);
    } catch (RuntimeException e) {
      return null;
    }
    if ((q.flags() & 0x8000) != 0) {
      return null; // a response, not a query
    }
    if (!zone.inZone(q.name())) {
      return DnsMessage.answer(q, List.of(), DnsMessage.REFUSED);
    }
    if (q.type() != DnsRecords.Answer.A && q.type() != DnsRecords.Answer.SRV) {
      return DnsMessage.answer(q, List.of(), zone.exists(q.name()) ? DnsMessage.NOERROR
          : DnsMessage.NXDOMAIN);
    }
    List<DnsRecords.Answer> answers = zone.lookup(q.name(), q.type());
    int rcode = answers.isEmpty() && !zone.exists(q.name()) ? DnsMessage.NXDOMAIN
        : DnsMessage.NOERROR;
    return DnsMessage.answer(q, answers, rcode);
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.close();
    }
  }
}

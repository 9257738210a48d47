package io.kubling.proxy.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsServerTest {
  static final DnsRecords ZONE = new DnsRecords("cluster.local", List.of(
      new DnsRecords.DnsService("default", "web", "10.96.0.10",
          List.of(new DnsRecords.NamedPort("http", "TCP", 80)), List.of()),
      new DnsRecords.DnsService("default", "db", null,
          List.of(new DnsRecords.NamedPort("pg", "TCP", 5432)),
          List.of("10.244.1.2", "10.244.1.3"))));

  static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(new byte[] {0, 0, (byte) type, 0, 1});
    return out.toByteArray();
  }

  static int rcode(byte[] reply) {
    return reply[3] & 0x0f;
  }

  static int answers(byte[] reply) {
    return ((reply[6] & 0xff) << 8) | (reply[7] & 0xff);
  }

  @Test
  void answersAForServicesAndPodIPsForHeadlessOnes() {
    assertThat(ZONE.lookup("web.default.svc.cluster.local.", 1))
        .extracting(DnsRecords.Answer::address).containsExactly("10.96.0.10");
    assertThat(ZONE.lookup("db.default.svc.cluster.local", 1))
        .extracting(DnsRecords.Answer::address).containsExactly("10.244.1.2", "10.244.1.3");
    assertThat(ZONE.lookup("_http._tcp.web.default.svc.cluster.local", 33))
        .extracting(DnsRecords.Answer::port).containsExactly(80);
  }

  @Test
  void wireFormat() {
    byte[] reply = DnsServer.respond(ZONE, query(7, "web.default.svc.cluster.local", 1));
    assertThat(rcode(reply)).isZero();
    assertThat(answers(reply)).isEqualTo(1);
    // the last four bytes are the address
    assertThat(java.util.Arrays.copyOfRange(reply, reply.length - 4, reply.length))
        .containsExactly(10, 96, 0, 10);
    assertThat(rcode(DnsServer.respond(ZONE, query(8, "nope.default.svc.cluster.local", 1))))
        .isEqualTo(3);
    assertThat(rcode(DnsServer.respond(ZONE, query(9, "example.com", 1)))).isEqualTo(5);
    assertThat(answers(DnsServer.respond(ZONE, query(10, "db.default.svc.cluster.local", 1))))
        .isEqualTo(2);
  }

  @Test
  void servesOverUdp() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try (DnsServer server = new DnsServer(vertx, ZONE).listen("127.0.0.1", 0);
        DatagramSocket client = new DatagramSocket()) {
      client.setSoTimeout(3000);
      byte[] q = query(42, "web.default.svc.cluster.local", 1);
      client.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(),
          server.port()));
      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      client.receive(reply);
      assertThat(answers(java.util.Arrays.copyOf(reply.getData(), reply.getLength())))
          .isEqualTo(1);
    } finally {
      vertx.close();
    }
  }

  @Test
  void resolvConfPointsAtTheServerWithTheClusterSearchDomains() {
    assertThat(DnsRecords.resolvConf("shop", "10.96.0.10", "cluster.local")).isEqualTo("""
        search shop.svc.cluster.local svc.cluster.local cluster.local
        nameserver 10.96.0.10
        options ndots:5
        """);
  }
}

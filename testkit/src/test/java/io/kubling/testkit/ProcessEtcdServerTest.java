package io.kubling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * etcd started on a port someone else holds or listens on: tried again on fresh ports, or
 * told plainly.
 */
class ProcessEtcdServerTest {
  @BeforeAll
  static void etcdOnPath() {
    Requirements.require(ProcessEtcdServer.binaryOnPath() != null,
        "etcd on PATH (apt-get install etcd-server)");
  }

  /**
   * A port bound but not listening, as an outgoing connection's ephemeral port is: etcd cannot
   * bind it, and nothing answers the readiness probe on it in etcd's place.
   */
  static Socket held() throws Exception {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return s;
  }

  /**
   * Starts etcd with {@code occupied} as its first attempt's client port and checks that it
   * came up on another one.
   */
  static void startsOnAnotherClientPort(String name, int occupied) throws Exception {
    Deque<Integer> ports = new ArrayDeque<>();
    ports.add(occupied);
    ports.add(FreePorts.next());
    try (ProcessEtcdServer etcd = ProcessEtcdServer.startNew(name, null,
        () -> ports.isEmpty() ? FreePorts.next() : ports.poll())) {
      assertThat(etcd.clientEndpoints()).singleElement().asString()
          .doesNotEndWith(":" + occupied);
    }
  }

  @Test
  void aTakenClientPortIsReplacedByAFreshOne() throws Exception {
    try (Socket taken = held()) {
      startsOnAnotherClientPort("port-retry", taken.getLocalPort());
    }
  }

  @Test
  void aForeignListenerOnTheClientPortIsNotTakenForEtcd() throws Exception {
    // Something else listens there: a connection to the port succeeds, but it is not etcd,
    // which cannot bind it and exits; readiness is etcd's own /health, so it starts again.
    try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      startsOnAnotherClientPort("foreign-listener", foreign.getLocalPort());
    }
  }

  @Test
  void freePortsAreOutsideTheEphemeralRange() {
    int low = FreePorts.ephemeralLow();
    for (int i = 0; i < 50; i++) {
      assertThat(FreePorts.next()).isBetween(FreePorts.LOWEST, low - 1);
    }
  }

  @Test
  void aPortTakenOnEveryAttemptIsNamedInTheError() throws Exception {
    try (Socket taken = held()) {
      int[] calls = {0};
      assertThatThrownBy(() -> ProcessEtcdServer.startNew("port-taken", null,
          () -> calls[0]++ % 2 == 0 ? taken.getLocalPort() : FreePorts.next()))
          .isInstanceOf(ProcessEtcdServer.PortInUse.class)
          .hasMessageContaining("address already in use");
      assertThat(calls[0]).isEqualTo(2 * ProcessEtcdServer.START_ATTEMPTS);
    }
  }
}

package io.kubling.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on loopback, for servers a test starts.
 *
 * <p>Chosen below the kernel's ephemeral range, not by binding port 0: a port from that range
 * is free only until some outgoing connection gets it as its local port. CI saw etcd refuse to
 * start ("bind: address already in use") on its peer port while clients were reconnecting to
 * its client port during an outage test — each attempt takes a fresh ephemeral port, and one
 * landed on the port etcd was about to bind again. Outgoing connections never get a port
 * outside the ephemeral range.
 */
public final class FreePorts {
  /** The lowest port handed out: above the well-known and most registered service ports. */
  static final int LOWEST = 10_000;
  private static final int ATTEMPTS = 200;

  private FreePorts() {}

  public static int next() {
    int below = ephemeralLow();
    if (below - LOWEST >= 1_000) {
      for (int i = 0; i < ATTEMPTS; i++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
        if (bindable(port)) {
          return port;
        }
      }
    }
    return anyEphemeral(); // a machine with an odd range: the old way, better than none
  }

  /** The first port of the kernel's ephemeral range (Linux), or 32768 where unknown. */
  static int ephemeralLow() {
    try {
      // Read by lines: Files.readString returns "3" for this file (procfs sizes are not real).
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
          .get(0).strip();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int anyEphemeral() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

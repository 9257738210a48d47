package io.kubling.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks, before anything starts, that the ports the server needs are free. */
final class Ports {
  private Ports() {}

  /**
   * Fails with one line naming the flag to change when something already listens on the
   * port: better than a child process dying with "address already in use" in its log.
   */
  static void requireFree(String host, int port, String flag) {
    if (port == 0) {
      return;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new UserError("port " + port + " on " + host + " is in use: stop what listens there"
          + " or pass " + flag + " with another port");
    }
  }
}

package io.kubling.ingress.e2e;

import io.kubling.agent.UnixSocketRelay;
import io.kubling.component.config.ComponentOptions;
import io.kubling.ingress.IngressControllerOptions;
import io.kubling.ingress.IngressControllerServer;
import java.nio.file.Path;

/**
 * The ingress controller as the e2e test runs it: a JVM inside a node namespace, reaching the
 * API server through a Unix socket relay (the node namespace has no route to the host's
 * loopback), serving HTTP on 80 and HTTPS on 443 of the node.
 */
public final class IngressChild {
  private IngressChild() {}

  public static void main(String[] args) throws Exception {
    UnixSocketRelay relay = UnixSocketRelay.tcpToUnix(0, Path.of(args[0]));
    IngressControllerOptions options = IngressControllerOptions.defaults(
        ComponentOptions.defaults("ingress-controller", 0)
            .withMaster("http://127.0.0.1:" + relay.port()).withHealthz("127.0.0.1", 0));
    IngressControllerServer server = IngressControllerServer.start(options);
    System.out.println("ingress controller serving HTTP on " + server.httpPort());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      try {
        relay.close();
      } catch (Exception ignored) {
        // exiting anyway
      }
    }));
    Thread.currentThread().join();
  }
}

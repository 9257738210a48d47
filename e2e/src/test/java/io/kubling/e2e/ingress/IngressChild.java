package io.kubling.e2e.ingress;

import io.kubling.agent.UnixSocketRelay;
import io.kubling.component.config.ComponentOptions;
import io.kubling.ingress.IngressControllerOptions;
import io.kubling.ingress.IngressControllerServer;
import java.nio.file.Path;

/**
 * The ingress controller as the e2e test runs it: a JVM inside a node namespace, reaching the
 * API server through a Unix socket relay (the node namespace has no route to the host's
 * loopback) with the ingress controller's kubeconfig, serving HTTP on 80 and HTTPS on 443 of
 * the node. Arguments: the socket, the kubeconfig, and the scheme to speak through the relay.
 */
public final class IngressChild {
  private IngressChild() {}

  public static void main(String[] args) throws Exception {
    UnixSocketRelay relay = UnixSocketRelay.tcpToUnix(0, Path.of(args[0]));
    ComponentOptions c = ComponentOptions.defaults("ingress-controller", 0);
    IngressControllerOptions options = IngressControllerOptions.defaults(new ComponentOptions(
        args[1], args[2] + "://127.0.0.1:" + relay.port(), c.leaderElection(), "127.0.0.1", 0));
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

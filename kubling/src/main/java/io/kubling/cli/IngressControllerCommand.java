package io.kubling.cli;

import io.kubling.agent.UnixSocketRelay;
import io.kubling.component.config.ComponentOptions;
import io.kubling.ingress.IngressControllerOptions;
import io.kubling.ingress.IngressControllerServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kubling ingress-controller}: serves the Ingresses of class kubling over HTTP(S). */
@Command(name = "ingress-controller", mixinStandardHelpOptions = true, showDefaultValues = true,
    sortOptions = false,
    description = {"Runs the ingress controller: routes HTTP and HTTPS requests to the ready"
        + " endpoints of services by the Ingresses of its class, and creates that class (the"
        + " cluster default) if missing. Ctrl-C stops it. Every flag can also be set by the"
        + " environment variable named after it."})
final class IngressControllerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ApiClientFlags api;

  @Option(names = "--bind-address", defaultValue = "0.0.0.0", paramLabel = "<ip>",
      description = "Address the HTTP and HTTPS listeners bind. Env: KUBLING_BIND_ADDRESS.")
  String bindAddress;

  @Option(names = "--http-port", defaultValue = "80", paramLabel = "<port>",
      description = "Plain HTTP port; 0 picks a free one. Env: KUBLING_HTTP_PORT.")
  int httpPort;

  @Option(names = "--https-port", defaultValue = "443", paramLabel = "<port>",
      description = "HTTPS port, opened with the first Ingress TLS certificate."
          + " Env: KUBLING_HTTPS_PORT.")
  int httpsPort;

  @Option(names = "--ingress-class", defaultValue = IngressControllerOptions.DEFAULT_CLASS,
      paramLabel = "<name>", description = "The IngressClass to create and serve."
          + " Env: KUBLING_INGRESS_CLASS.")
  String ingressClass;

  @Option(names = "--publish-address", split = ",", paramLabel = "<ip|hostname>",
      description = "Addresses written to the Ingresses' status.loadBalancer (default: the"
          + " bind address, or this host's first IPv4 address). Env: KUBLING_PUBLISH_ADDRESS.")
  List<String> publishAddresses;

  @Option(names = "--api-socket", paramLabel = "<path>",
      description = "Reach the API server through this Unix socket (a relay to it), as an agent"
          + " does from its node's network namespace. Env: KUBLING_API_SOCKET.")
  String apiSocket;

  @Option(names = "--healthz-port", defaultValue = "10254", paramLabel = "<port>",
      description = "Port of /healthz and /metrics; 0 picks a free one."
          + " Env: KUBLING_HEALTHZ_PORT.")
  int healthzPort;

  IngressControllerOptions toOptions() {
    return toOptions(api.master);
  }

  private IngressControllerOptions toOptions(String master) {
    try {
      ComponentOptions c = ComponentOptions.defaults("ingress-controller", healthzPort)
          .withMaster(master);
      c = new ComponentOptions(api.kubeconfig, c.master(),
          c.leaderElection(), bindAddress, healthzPort);
      return new IngressControllerOptions(c, bindAddress, httpPort, httpsPort, ingressClass,
          publishAddresses == null ? List.of() : publishAddresses);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    IngressControllerOptions options = toOptions();
    PrintWriter out = spec.commandLine().getOut();
    ShutdownSequence shutdown = ShutdownSequence.install(out);
    try {
      if (apiSocket != null && !apiSocket.isEmpty()) {
        UnixSocketRelay relay = UnixSocketRelay.tcpToUnix(0, Path.of(apiSocket));
        shutdown.add("API server relay", relay);
        options = toOptions(relay.masterUrl(options.component()));
      }
      IngressControllerServer server = IngressControllerServer.start(options);
      shutdown.add("ingress controller", server);
      out.println("ingress controller started (class " + options.className() + ", HTTP on "
          + options.bindAddress() + ":" + server.httpPort() + ", HTTPS on port "
          + options.httpsPort() + " once a certificate is loaded)");
      out.flush();
    } catch (RuntimeException | java.io.IOException e) {
      shutdown.run();
      throw new UserError("ingress controller did not start: "
          + ApiServerLauncher.rootMessage(e));
    }
    new CountDownLatch(1).await();
    return 0;
  }

  /**
   * For {@code kubling server}: the controller in this JVM, listening on the API server's
   * address and reaching the API server with its own kubeconfig
   * (system:kubling-ingress-controller). A port
   * that is taken (or privileged for a non-root user) leaves the rest of the server running and
   * says so in one line.
   */
  static void startInProcess(java.nio.file.Path kubeconfig, String bindAddress, int httpPort,
      int httpsPort, ShutdownSequence shutdown, PrintWriter out) {
    IngressControllerOptions options = IngressControllerOptions.defaults(
        ServerCommand.withKubeconfig(ComponentOptions.defaults("ingress-controller", 0),
            kubeconfig)).withListeners(bindAddress, httpPort, httpsPort);
    try {
      IngressControllerServer server = IngressControllerServer.start(options);
      shutdown.add("ingress controller", server);
      out.println("ingress controller started (HTTP on " + bindAddress + ":" + server.httpPort()
          + ", HTTPS on port " + httpsPort + ")");
    } catch (RuntimeException e) {
      out.println("ingress controller not started: " + ApiServerLauncher.rootMessage(e));
    }
    out.flush();
  }
}

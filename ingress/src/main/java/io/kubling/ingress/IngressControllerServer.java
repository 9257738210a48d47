package io.kubling.ingress;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.server.ComponentServer;
import io.kubling.ingress.proxy.IngressProxy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ingress controller process: its API client, the proxy's listeners, /healthz and
 * /metrics, and the {@link IngressController} that keeps the proxy configured.
 */
public final class IngressControllerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngressControllerServer.class);

  private final KubernetesClient client;
  private final IngressProxy proxy;
  private final ComponentServer http;
  private final IngressController controller;

  private IngressControllerServer(KubernetesClient client, IngressProxy proxy,
      ComponentServer http, IngressController controller) {
    this.client = client;
    this.proxy = proxy;
    this.http = http;
    this.controller = controller;
  }

  /** Listens on the HTTP port (HTTPS opens with the first certificate) and starts watching. */
  public static IngressControllerServer start(IngressControllerOptions options) {
    requireNonNull(options, "options should not be null");
    KubernetesClient client = KubeClients.create(options.component(),
        ClientSettings.defaults("ingress-controller"));
    IngressProxy proxy = null;
    ComponentServer http = null;
    IngressController controller = null;
    try {
      proxy = new IngressProxy(options.bindAddress(), options.httpsPort())
          .listenHttp(options.httpPort());
      http = new ComponentServer(options.component().bindAddress(),
          options.component().healthzPort()).healthCheck("ping", () -> true).start();
      controller = new IngressController(client, options, proxy, publishAddresses(options));
      controller.start();
    } catch (RuntimeException e) {
      new IngressControllerServer(client, proxy, http, controller).close();
      throw e;
    }
    log.atInfo().addKeyValue("httpPort", proxy.httpPort())
        .addKeyValue("class", options.className()).log("ingress controller started");
    return new IngressControllerServer(client, proxy, http, controller);
  }

  static List<String> publishAddresses(IngressControllerOptions o) {
    if (!o.publishAddresses().isEmpty()) {
      return o.publishAddresses();
    }
    if (!o.bindAddress().equals("0.0.0.0") && !o.bindAddress().equals("::")) {
      return List.of(o.bindAddress());
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nic.isUp() && !nic.isLoopback()) {
          for (InetAddress a : Collections.list(nic.getInetAddresses())) {
            if (a instanceof Inet4Address) {
              return List.of(a.getHostAddress());
            }
          }
        }
      }
    } catch (SocketException e) {
      log.atWarn().addKeyValue("error", e.toString()).log("cannot list network interfaces");
    }
    return List.of("127.0.0.1");
  }

  public int httpPort() {
    return proxy.httpPort();
  }

  public int httpsPort() {
    return proxy.httpsPort();
  }

  public int healthzPort() {
    return http.port();
  }

  public IngressController controller() {
    return controller;
  }

  @Override
  public void close() {
    if (controller != null) {
      controller.close();
    }
    if (http != null) {
      http.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    client.close();
  }
}

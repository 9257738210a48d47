package io.kubling.ingress;

import static java.util.Objects.requireNonNull;

import io.kubling.component.config.ComponentOptions;
import java.util.List;

/**
 * How the ingress controller runs.
 *
 * @param component API client and /healthz flags shared by every component
 * @param bindAddress address the HTTP and HTTPS listeners bind
 * @param httpPort plain HTTP port (80 by default; 0 picks a free one)
 * @param httpsPort HTTPS port (443 by default; 0 picks a free one)
 * @param className the IngressClass this controller creates and serves
 * @param publishAddresses what status.loadBalancer.ingress says; empty: the bind address, or
 *     this host's first non-loopback IPv4 address when bound to all
 */
public record IngressControllerOptions(ComponentOptions component, String bindAddress,
    int httpPort, int httpsPort, String className, List<String> publishAddresses) {
  public static final String CONTROLLER_NAME = "kubling.io/ingress-controller";
  public static final String DEFAULT_CLASS = "kubling";

  public IngressControllerOptions {
    requireNonNull(component, "component should not be null");
    requireNonNull(bindAddress, "bindAddress should not be null");
    requireNonNull(className, "className should not be null");
    publishAddresses = List.copyOf(publishAddresses);
    for (int p : new int[] {httpPort, httpsPort}) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("ingress ports must be 0-65535, got " + p);
      }
    }
  }

  /** Ports 80 and 443 on all addresses, class kubling, no leader election. */
  public static IngressControllerOptions defaults(ComponentOptions component) {
    return new IngressControllerOptions(component, "0.0.0.0", 80, 443, DEFAULT_CLASS, List.of());
  }

  public IngressControllerOptions withListeners(String address, int http, int https) {
    return new IngressControllerOptions(component, address, http, https, className,
        publishAddresses);
  }

  public IngressControllerOptions withPublishAddresses(List<String> addresses) {
    return new IngressControllerOptions(component, bindAddress, httpPort, httpsPort, className,
        addresses);
  }
}

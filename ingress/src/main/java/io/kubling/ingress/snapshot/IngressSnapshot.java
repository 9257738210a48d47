package io.kubling.ingress.snapshot;

import io.kubling.ingress.route.Backend;
import io.kubling.ingress.route.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * Everything the proxy reads to serve one request, immutable: the controller builds a new one
 * on every change and swaps it in whole, so a request in flight keeps the snapshot it began with.
 *
 * @param routes the routing table of this controller's Ingresses
 * @param endpoints ready endpoints of every backend the routes name (missing: none ready)
 * @param certificates TLS certificates of the Ingresses' tls sections
 */
public record IngressSnapshot(RouteTable routes, Map<Backend, List<Endpoint>> endpoints,
    List<TlsCertificate> certificates) {
  public static final IngressSnapshot EMPTY =
      new IngressSnapshot(RouteTable.EMPTY, Map.of(), List.of());

  public IngressSnapshot {
    endpoints = Map.copyOf(endpoints);
    certificates = List.copyOf(certificates);
  }

  public List<Endpoint> endpointsOf(Backend b) {
    return endpoints.getOrDefault(b, List.of());
  }
}

package io.kubling.ingress.snapshot;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubling.ingress.route.Backend;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A backend's ready endpoints, straight from its service's EndpointSlices (not the
 * ClusterIP): the slice port named like the service port gives the target port, and an
 * endpoint counts when its ready condition is not false, as kube-proxy reads it.
 */
final class EndpointResolver {
  private EndpointResolver() {}

  static List<Endpoint> ready(Backend b, List<Service> services, List<EndpointSlice> slices) {
    Service svc = services.stream()
        .filter(s -> b.namespace().equals(s.getMetadata().getNamespace())
            && b.service().equals(s.getMetadata().getName()))
        .findFirst().orElse(null);
    if (svc == null) {
      return List.of();
    }
    ServicePort sp = SnapshotBuilder.servicePort(svc, b);
    if (sp == null) {
      return List.of();
    }
    String portName = sp.getName() == null ? "" : sp.getName();
    Set<Endpoint> out = new LinkedHashSet<>();
    for (EndpointSlice slice : slices) {
      Map<String, String> labels = slice.getMetadata().getLabels();
      if (!b.namespace().equals(slice.getMetadata().getNamespace()) || labels == null
          || !b.service().equals(labels.get(SnapshotBuilder.SERVICE_NAME_LABEL))) {
        continue;
      }
      Integer port = null;
      for (EndpointPort p : SnapshotBuilder.nullToEmpty(slice.getPorts())) {
        if (portName.equals(p.getName() == null ? "" : p.getName())
            && (p.getProtocol() == null || "TCP".equals(p.getProtocol()))) {
          port = p.getPort();
        }
      }
      if (port == null) {
        continue;
      }
      for (var ep : SnapshotBuilder.nullToEmpty(slice.getEndpoints())) {
        boolean ready = ep.getConditions() == null
            || !Objects.equals(Boolean.FALSE, ep.getConditions().getReady());
        if (ready) {
          for (String address : SnapshotBuilder.nullToEmpty(ep.getAddresses())) {
            out.add(new Endpoint(address, port));
          }
        }
      }
    }
    return List.copyOf(new ArrayList<>(out));
  }
}

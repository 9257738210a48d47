package io.kubling.proxy.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the DNS zone from Services and EndpointSlices as the informers hold them. Pure. */
public final class DnsZoneBuilder {
  private DnsZoneBuilder() {}

  public static DnsRecords build(List<Service> services, List<EndpointSlice> slices,
      String domain) {
    Map<String, List<String>> ready = new HashMap<>();
    for (EndpointSlice s : slices) {
      String svc = s.getMetadata().getLabels() == null ? null
          : s.getMetadata().getLabels().get("kubernetes.io/service-name");
      if (svc == null || s.getEndpoints() == null || !"IPv4".equals(s.getAddressType())) {
        continue;
      }
      for (var e : s.getEndpoints()) {
        boolean isReady = e.getConditions() == null || e.getConditions().getReady() == null
            || e.getConditions().getReady();
        if (isReady && e.getAddresses() != null) {
          ready.computeIfAbsent(s.getMetadata().getNamespace() + "/" + svc,
              k -> new ArrayList<>()).addAll(e.getAddresses());
        }
      }
    }
    List<DnsRecords.DnsService> out = new ArrayList<>();
    for (Service svc : services) {
      String ns = svc.getMetadata().getNamespace();
      String name = svc.getMetadata().getName();
      String ip = svc.getSpec().getClusterIP();
      boolean headless = ip == null || ip.isEmpty() || ip.equals("None");
      List<DnsRecords.NamedPort> ports = new ArrayList<>();
      if (svc.getSpec().getPorts() != null) {
        svc.getSpec().getPorts().forEach(p -> ports.add(new DnsRecords.NamedPort(p.getName(),
            p.getProtocol() == null ? "TCP" : p.getProtocol(), p.getPort())));
      }
      out.add(new DnsRecords.DnsService(ns, name, headless ? null : ip, ports,
          ready.getOrDefault(ns + "/" + name, List.of()).stream().sorted().toList()));
    }
    return new DnsRecords(domain, out);
  }
}

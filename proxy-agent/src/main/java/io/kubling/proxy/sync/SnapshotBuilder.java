package io.kubling.proxy.sync;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubling.proxy.Endpoint;
import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.Protocol;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.ServicePort;
import io.kubling.proxy.ServicePortName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Services and EndpointSlices, as the informers hold them, into a {@link ProxySnapshot}:
 * headless and ExternalName services get no rules, only ready endpoints enter, and what the
 * proxy cannot forward (SCTP, IPv6 slices) is left out with a warning naming it. Pure apart from
 * that log line.
 */
public final class SnapshotBuilder {
  private static final Logger log = LoggerFactory.getLogger(SnapshotBuilder.class);
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private SnapshotBuilder() {}

  public static ProxySnapshot build(List<Service> services, List<EndpointSlice> slices,
      NodeConfig node) {
    List<ServicePort> ports = new ArrayList<>();
    Map<ServicePortName, List<Endpoint>> endpoints = new HashMap<>();
    Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
    for (EndpointSlice s : slices) {
      String svc = s.getMetadata().getLabels() == null ? null
          : s.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
      if (svc != null && "IPv4".equals(s.getAddressType())) {
        slicesByService.computeIfAbsent(s.getMetadata().getNamespace() + "/" + svc,
            k -> new ArrayList<>()).add(s);
      }
    }
    for (Service svc : services) {
      var spec = svc.getSpec();
      String clusterIP = spec.getClusterIP();
      if (clusterIP == null || clusterIP.isEmpty() || clusterIP.equals("None")
          || "ExternalName".equals(spec.getType()) || clusterIP.contains(":")) {
        continue; // headless, ExternalName or IPv6: no virtual IP to forward
      }
      String ns = svc.getMetadata().getNamespace();
      String name = svc.getMetadata().getName();
      int affinity = 0;
      if ("ClientIP".equals(spec.getSessionAffinity())) {
        affinity = ServicePort.DEFAULT_AFFINITY_TIMEOUT;
        if (spec.getSessionAffinityConfig() != null
            && spec.getSessionAffinityConfig().getClientIP() != null
            && spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() != null) {
          affinity = spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        }
      }
      List<String> lbIPs = new ArrayList<>();
      if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null
          && svc.getStatus().getLoadBalancer().getIngress() != null) {
        for (LoadBalancerIngress in : svc.getStatus().getLoadBalancer().getIngress()) {
          if (in.getIp() != null) {
            lbIPs.add(in.getIp());
          }
        }
      }
      boolean eLocal = "Local".equals(spec.getExternalTrafficPolicy());
      boolean iLocal = "Local".equals(spec.getInternalTrafficPolicy());
      for (var p : spec.getPorts()) {
        String proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
        ServicePortName spn = new ServicePortName(ns, name, p.getName());
        if (!proto.equals("TCP") && !proto.equals("UDP")) {
          log.atWarn().addKeyValue("service", spn).addKeyValue("protocol", proto)
              .log("protocol not supported by the proxy; port skipped");
          continue;
        }
        ports.add(new ServicePort(spn, Protocol.valueOf(proto), clusterIP, p.getPort(),
            p.getNodePort() == null ? 0 : p.getNodePort(), spec.getExternalIPs(), lbIPs,
            affinity, eLocal, iLocal));
        List<Endpoint> eps = new ArrayList<>();
        for (EndpointSlice s : slicesByService.getOrDefault(ns + "/" + name, List.of())) {
          eps.addAll(readyEndpoints(s, p.getName(), proto));
        }
        if (!eps.isEmpty()) {
          endpoints.put(spn, eps);
        }
      }
    }
    return new ProxySnapshot(ports, endpoints, node);
  }

  private static List<Endpoint> readyEndpoints(EndpointSlice s, String portName, String proto) {
    Integer port = null;
    if (s.getPorts() != null) {
      for (var p : s.getPorts()) {
        String pn = p.getName() == null ? "" : p.getName();
        String pp = p.getProtocol() == null ? "TCP" : p.getProtocol();
        if (pn.equals(Objects.requireNonNullElse(portName, "")) && pp.equals(proto)) {
          port = p.getPort();
        }
      }
    }
    List<Endpoint> out = new ArrayList<>();
    if (port == null || s.getEndpoints() == null) {
      return out;
    }
    for (var e : s.getEndpoints()) {
      // ready unset means ready, per the EndpointSlice API
      boolean ready = e.getConditions() == null || e.getConditions().getReady() == null
          || e.getConditions().getReady();
      if (ready && e.getAddresses() != null && !e.getAddresses().isEmpty()) {
        out.add(new Endpoint(e.getAddresses().get(0), port, e.getNodeName()));
      }
    }
    return out;
  }

  /** The service ports whose rules differ between two snapshots (added, changed or removed). */
  public static java.util.Set<ServicePortName> changed(ProxySnapshot before, ProxySnapshot after) {
    java.util.Set<ServicePortName> out = new java.util.TreeSet<>();
    Map<ServicePortName, ServicePort> old = new HashMap<>();
    before.services().forEach(sp -> old.put(sp.name(), sp));
    for (ServicePort sp : after.services()) {
      ServicePort was = old.remove(sp.name());
      if (!sp.equals(was) || !before.endpointsOf(sp.name()).equals(after.endpointsOf(sp.name()))) {
        out.add(sp.name());
      }
    }
    out.addAll(old.keySet());
    return out;
  }
}

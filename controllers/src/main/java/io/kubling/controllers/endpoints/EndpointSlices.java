package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubling.controllers.Owners;
import io.kubling.controllers.Pods;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The EndpointSlices a Service should have: one per port set, named after it, owned by the Service. */
public final class EndpointSlices {
  public static final String SERVICE_NAME = "kubernetes.io/service-name";
  public static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  public static final String CONTROLLER = "endpointslice-controller.k8s.io";

  private EndpointSlices() {}

  public static List<EndpointSlice> desired(Service svc, List<Pod> pods) {
    List<EndpointSlice> out = new ArrayList<>();
    EndpointsPlan.groupByPorts(EndpointsPlan.podEndpoints(svc, pods)).forEach((ports, eps) -> {
      List<Endpoint> endpoints = new ArrayList<>();
      for (EndpointsPlan.PodEndpoint e : eps) {
        Pod p = e.pod();
        endpoints.add(new EndpointBuilder().withAddresses(p.getStatus().getPodIP())
            .withNewConditions().withReady(e.ready()).withServing(e.ready()).withTerminating(false)
            .endConditions()
            .withNodeName(Pods.nodeName(p))
            .withTargetRef(new ObjectReferenceBuilder().withKind("Pod")
                .withNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName())
                .withUid(p.getMetadata().getUid()).build())
            .build());
      }
      out.add(slice(svc, ports, endpoints));
    });
    if (out.isEmpty()) {
      out.add(slice(svc, List.of(), List.of())); // Kubernetes keeps one empty slice per service
    }
    return out;
  }

  static EndpointSlice slice(Service svc, List<EndpointPort> ports, List<Endpoint> endpoints) {
    String name = svc.getMetadata().getName() + "-" + portsHash(ports);
    return new EndpointSliceBuilder().withNewMetadata().withName(name)
        .withNamespace(svc.getMetadata().getNamespace())
        .withLabels(Map.of(SERVICE_NAME, svc.getMetadata().getName(), MANAGED_BY, CONTROLLER))
        .withOwnerReferences(Owners.controllerRef(svc)).endMetadata()
        .withAddressType("IPv4")
        .withEndpoints(endpoints)
        .withPorts(ports.stream().map(p -> new EndpointPortBuilder().withName(p.getName())
            .withPort(p.getPort()).withProtocol(p.getProtocol()).build()).toList())
        .build();
  }

  /** Whether an existing slice already says what the desired one says. */
  public static boolean same(EndpointSlice have, EndpointSlice want) {
    return java.util.Objects.equals(have.getEndpoints(), want.getEndpoints())
        && java.util.Objects.equals(have.getPorts(), want.getPorts())
        && java.util.Objects.equals(have.getAddressType(), want.getAddressType())
        && java.util.Objects.equals(have.getMetadata().getLabels(), want.getMetadata().getLabels());
  }

  // A short stable suffix per port set (FNV-32a), so a port set keeps its slice's name.
  static String portsHash(List<EndpointPort> ports) {
    StringBuilder s = new StringBuilder();
    ports.forEach(p -> s.append(p.getName()).append('/').append(p.getPort()).append('/')
        .append(p.getProtocol()).append(';'));
    int h = 0x811c9dc5;
    for (byte b : s.toString().getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    return io.kubling.controllers.TemplateHash.safeEncodeHash(Integer.toUnsignedLong(h)).substring(0, 5);
  }
}

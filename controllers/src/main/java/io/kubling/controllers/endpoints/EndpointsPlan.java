package io.kubling.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubling.controllers.Pods;
import io.kubling.controllers.Selectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Service's endpoints should be: per pod, its IP and the service ports resolved
 * against the pod (named targetPorts looked up in its containers), grouped by port set.
 * Shared by the Endpoints and EndpointSlice controllers.
 */
public final class EndpointsPlan {

  /** One pod's endpoint: address, readiness and the ports it serves. */
  public record PodEndpoint(Pod pod, boolean ready, List<EndpointPort> ports) {}

  private EndpointsPlan() {}

  /** Whether the controller manages this service's endpoints from a selector. */
  public static boolean selects(Service svc) {
    return svc.getSpec() != null && svc.getSpec().getSelector() != null
        && !svc.getSpec().getSelector().isEmpty();
  }

  /** The pods a selector service routes to, each with its resolved ports; sorted by IP. */
  public static List<PodEndpoint> podEndpoints(Service svc, List<Pod> pods) {
    boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
    List<PodEndpoint> out = new ArrayList<>();
    for (Pod p : pods) {
      if (!Selectors.matchesMap(svc.getSpec().getSelector(), p.getMetadata().getLabels())
          || p.getStatus() == null || p.getStatus().getPodIP() == null
          || p.getStatus().getPodIP().isEmpty() || !Pods.isActive(p)) {
        continue;
      }
      List<EndpointPort> ports = new ArrayList<>();
      for (ServicePort sp : svc.getSpec().getPorts() == null ? List.<ServicePort>of()
          : svc.getSpec().getPorts()) {
        resolve(sp, p).ifPresent(port -> ports.add(new EndpointPortBuilder().withName(sp.getName())
            .withPort(port).withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol())
            .build()));
      }
      out.add(new PodEndpoint(p, publishNotReady || Pods.isReady(p), ports));
    }
    out.sort(Comparator.comparing(e -> e.pod().getStatus().getPodIP()));
    return out;
  }

  /** A service port's target on one pod: a number, or a named container port of the pod. */
  public static Optional<Integer> resolve(ServicePort sp, Pod pod) {
    IntOrString target = sp.getTargetPort();
    if (target == null) {
      return Optional.ofNullable(sp.getPort());
    }
    if (target.getIntVal() != null) {
      return Optional.of(target.getIntVal());
    }
    String name = target.getStrVal();
    if (name == null || name.isEmpty()) {
      return Optional.ofNullable(sp.getPort());
    }
    for (Container c : pod.getSpec().getContainers()) {
      for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        if (name.equals(cp.getName())
            && (sp.getProtocol() == null || sp.getProtocol().equals(protocol(cp)))) {
          return Optional.of(cp.getContainerPort());
        }
      }
    }
    return Optional.empty(); // this pod does not serve the named port
  }

  private static String protocol(ContainerPort cp) {
    return cp.getProtocol() == null ? "TCP" : cp.getProtocol();
  }

  /** Endpoints subsets: one per distinct port set, ready and not-ready addresses sorted by IP. */
  public static List<EndpointSubset> subsets(Service svc, List<Pod> pods) {
    Map<List<EndpointPort>, List<PodEndpoint>> byPorts = groupByPorts(podEndpoints(svc, pods));
    List<EndpointSubset> out = new ArrayList<>();
    byPorts.forEach((ports, eps) -> {
      List<EndpointAddress> ready = new ArrayList<>();
      List<EndpointAddress> notReady = new ArrayList<>();
      for (PodEndpoint e : eps) {
        (e.ready() ? ready : notReady).add(address(e.pod()));
      }
      out.add(new EndpointSubsetBuilder().withAddresses(ready.isEmpty() ? null : ready)
          .withNotReadyAddresses(notReady.isEmpty() ? null : notReady)
          .withPorts(ports.isEmpty() ? null : ports).build());
    });
    return out;
  }

  /** Groups endpoints by port set, in first-seen (IP) order; pods serving no port are dropped. */
  public static Map<List<EndpointPort>, List<PodEndpoint>> groupByPorts(List<PodEndpoint> eps) {
    Map<List<EndpointPort>, List<PodEndpoint>> byPorts = new LinkedHashMap<>();
    for (PodEndpoint e : eps) {
      if (e.ports().isEmpty() && !eps.isEmpty()) {
        continue;
      }
      byPorts.computeIfAbsent(e.ports(), k -> new ArrayList<>()).add(e);
    }
    return byPorts;
  }

  private static EndpointAddress address(Pod p) {
    return new EndpointAddressBuilder().withIp(p.getStatus().getPodIP())
        .withNodeName(Pods.nodeName(p))
        .withTargetRef(new ObjectReferenceBuilder().withKind("Pod")
            .withNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName())
            .withUid(p.getMetadata().getUid()).build())
        .build();
  }

  /** The {@code kubernetes} service's subset: the API server's own address and port. */
  public static List<EndpointSubset> apiServer(String ip, int port) {
    return List.of(new EndpointSubsetBuilder()
        .withAddresses(new EndpointAddressBuilder().withIp(ip).build())
        .withPorts(new EndpointPortBuilder().withName("https").withPort(port).withProtocol("TCP")
            .build())
        .build());
  }
}

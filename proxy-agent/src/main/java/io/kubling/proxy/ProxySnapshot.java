package io.kubling.proxy;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the proxy rules are a function of: the service ports, the ready endpoints of each,
 * and the node. Sorted on construction, so that every renderer's output is deterministic.
 */
public record ProxySnapshot(List<ServicePort> services,
    Map<ServicePortName, List<Endpoint>> endpoints, NodeConfig node) {

  public ProxySnapshot {
    requireNonNull(node, "node should not be null");
    services = services.stream().sorted().toList();
    TreeMap<ServicePortName, List<Endpoint>> sorted = new TreeMap<>();
    endpoints.forEach((k, v) -> sorted.put(k, v.stream().sorted().distinct().toList()));
    endpoints = Collections.unmodifiableMap(sorted);
  }

  /** The ready endpoints of a service port, sorted; empty when it has none. */
  public List<Endpoint> endpointsOf(ServicePortName name) {
    return endpoints.getOrDefault(name, List.of());
  }

  /** The endpoints on this node. */
  public List<Endpoint> localEndpointsOf(ServicePortName name) {
    return endpointsOf(name).stream().filter(e -> e.isLocal(node.nodeName())).toList();
  }
}

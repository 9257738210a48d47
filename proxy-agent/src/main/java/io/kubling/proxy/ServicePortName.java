package io.kubling.proxy;

import static java.util.Objects.requireNonNull;

/**
 * One port of one service, as kube-proxy names it: {@code namespace/name:port}, or
 * {@code namespace/name} when the port has no name.
 */
public record ServicePortName(String namespace, String name, String port)
    implements Comparable<ServicePortName> {

  public ServicePortName {
    requireNonNull(namespace, "namespace should not be null");
    requireNonNull(name, "name should not be null");
    port = port == null ? "" : port;
  }

  /** The service's namespace/name, the key its EndpointSlices point at. */
  public String serviceKey() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return port.isEmpty() ? serviceKey() : serviceKey() + ":" + port;
  }

  @Override
  public int compareTo(ServicePortName o) {
    return toString().compareTo(o.toString());
  }
}

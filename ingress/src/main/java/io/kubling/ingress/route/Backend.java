package io.kubling.ingress.route;

import static java.util.Objects.requireNonNull;

/**
 * An IngressServiceBackend resolved to its namespace: a service and one of its ports, by
 * number (portName empty) or by name (portNumber 0).
 */
public record Backend(String namespace, String service, int portNumber, String portName) {
  public Backend {
    requireNonNull(namespace, "namespace should not be null");
    requireNonNull(service, "service should not be null");
    requireNonNull(portName, "portName should not be null");
  }

  @Override
  public String toString() {
    return namespace + "/" + service + ":" + (portName.isEmpty() ? portNumber : portName);
  }
}

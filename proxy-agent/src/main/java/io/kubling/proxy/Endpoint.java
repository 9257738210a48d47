package io.kubling.proxy;

import static java.util.Objects.requireNonNull;

/**
 * One ready backend of a service port: a pod IP and the port it listens on, and the node it runs
 * on (which the Local traffic policies need). Only ready endpoints ever enter a snapshot.
 */
public record Endpoint(String ip, int port, String nodeName) implements Comparable<Endpoint> {

  public Endpoint {
    requireNonNull(ip, "ip should not be null");
    nodeName = nodeName == null ? "" : nodeName;
  }

  /** {@code ip:port}, the form chain-name hashes and DNAT targets use. */
  public String hostPort() {
    return ip + ":" + port;
  }

  public boolean isLocal(String node) {
    return !nodeName.isEmpty() && nodeName.equals(node);
  }

  @Override
  public int compareTo(Endpoint o) {
    return hostPort().compareTo(o.hostPort());
  }
}

package io.kubling.scheduler.framework;

/**
 * A host port a container asks for; ip 0.0.0.0 means every address of the node.
 *
 * @param ip the host IP, "0.0.0.0" when unset
 * @param protocol TCP, UDP or SCTP (TCP when unset)
 * @param port the host port, 1–65535
 */
public record HostPort(String ip, String protocol, int port) {
  public static final String ANY_IP = "0.0.0.0";

  /** The key ports are grouped by on a node, e.g. "TCP/80". */
  public String protocolPort() {
    return protocol + "/" + port;
  }
}

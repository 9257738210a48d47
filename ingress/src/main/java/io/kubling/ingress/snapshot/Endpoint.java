package io.kubling.ingress.snapshot;

/** A ready endpoint of a backend: a pod address and the target port the service resolves to. */
public record Endpoint(String ip, int port) {
  @Override
  public String toString() {
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }
}

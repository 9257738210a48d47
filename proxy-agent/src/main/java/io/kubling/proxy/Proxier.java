package io.kubling.proxy;

import java.io.IOException;
import java.util.Set;

/** Makes the node's data path match a snapshot: the one thing every proxy mode does. */
public interface Proxier extends AutoCloseable {
  /**
   * Brings the data path to {@code snapshot}.
   *
   * @param changed the service ports that changed since the last sync; null for a full sync
   */
  void sync(ProxySnapshot snapshot, Set<ServicePortName> changed) throws IOException;

  /** Removes everything this mode installed on the node. */
  void cleanup() throws IOException;

  @Override
  default void close() throws IOException {}
}

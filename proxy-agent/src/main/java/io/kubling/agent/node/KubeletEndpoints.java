package io.kubling.agent.node;

import io.kubling.agent.UnixSocketRelay;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How the API server reaches a node agent's kubelet API. By default, as in Kubernetes, at the
 * Node's InternalIP and status.daemonEndpoints.kubeletEndpoint.Port. When kubling runs nodes
 * as network namespaces on one machine, the API server (in the machine's own namespace) cannot
 * reach a node's InternalIP, and kubling never adds links or routes there; so the agent also
 * serves its kubelet API on a Unix socket in its data dir ({@link #SOCKET}), whoever launches
 * it relays a loopback port of the machine's namespace to that socket, and the agent
 * advertises that loopback endpoint in the annotation {@link #ANNOTATION}, which the API server
 * prefers when present.
 */
public final class KubeletEndpoints {
  public static final String ANNOTATION = "kubling.io/kubelet-endpoint";
  /** The socket's file name in the agent's data dir. */
  public static final String SOCKET = "kubelet.sock";
  public static final int DEFAULT_PORT = 10250;

  private KubeletEndpoints() {}

  /**
   * The launcher's half, in the machine's namespace: a loopback port relayed to the socket of
   * the agent whose data dir this is (the socket may appear later); pass
   * {@code --kubelet-endpoint 127.0.0.1:<relay.port()>} to that agent.
   */
  public static UnixSocketRelay relay(Path agentDataDir) throws IOException {
    return UnixSocketRelay.tcpToUnix(0, agentDataDir.resolve(SOCKET));
  }
}

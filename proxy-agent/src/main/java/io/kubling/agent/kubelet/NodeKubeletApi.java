package io.kubling.agent.kubelet;

import io.kubling.agent.UnixSocketRelay;
import io.kubling.agent.node.KubeletEndpoints;
import io.kubling.agent.pod.ContainerFinder;
import io.kubling.agent.runtime.PodRuntime;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One node's kubelet API: the server on every address of the node's namespace, plus the same
 * server on the Unix socket {@code DATA/kubelet.sock}, for an API server that cannot reach the
 * node's InternalIP (see {@link KubeletEndpoints}).
 */
public final class NodeKubeletApi implements AutoCloseable {
  private final KubeletServer server;
  private final UnixSocketRelay socket;

  private NodeKubeletApi(KubeletServer server, UnixSocketRelay socket) {
    this.server = server;
    this.socket = socket;
  }

  public static NodeKubeletApi start(int port, Path dataDir, Supplier<ContainerFinder> finder,
      Supplier<PodRuntime> runtime) throws Exception {
    KubeletServer s;
    try {
      s = KubeletServer.start("0.0.0.0", port, finder, runtime);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException("the kubelet API cannot listen on port " + port + ": "
          + cause.getMessage() + "; pass --kubelet-port (0 picks a free port)", e);
    }
    try {
      Files.createDirectories(dataDir);
      UnixSocketRelay relay = UnixSocketRelay.unixToTcp(dataDir.resolve(KubeletEndpoints.SOCKET),
          new InetSocketAddress("127.0.0.1", s.port()));
      return new NodeKubeletApi(s, relay);
    } catch (Exception e) {
      s.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() throws Exception {
    try {
      socket.close();
    } finally {
      server.close();
    }
  }
}

package io.kubling.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Carries TCP connections across network namespaces through a Unix socket, which lives in the
 * filesystem and so is reachable from every namespace. The host side listens on the socket and
 * connects to the API server on loopback; an agent in a node namespace listens on its own
 * loopback and connects to the socket. No link, address or route is added anywhere.
 */
public final class UnixSocketRelay implements AutoCloseable {
  private final ServerSocketChannel server;
  private final SocketAddress target;
  private final Thread acceptor;

  private UnixSocketRelay(ServerSocketChannel server, SocketAddress target, String name) {
    this.server = server;
    this.target = target;
    this.acceptor = new Thread(this::acceptLoop, name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Host side: connections to {@code socket} go to {@code target} (the API server). */
  public static UnixSocketRelay unixToTcp(Path socket, InetSocketAddress target)
      throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    return new UnixSocketRelay(s, target, "relay-" + socket.getFileName());
  }

  /** Agent side: connections to 127.0.0.1:port (0 picks one) go to {@code socket}. */
  public static UnixSocketRelay tcpToUnix(int port, Path socket) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open();
    s.bind(new InetSocketAddress("127.0.0.1", port));
    return new UnixSocketRelay(s, UnixDomainSocketAddress.of(socket), "relay-to-" + socket);
  }

  /**
   * A component's API server URL through an agent-side relay: the relay carries bytes, TLS
   * included, so the scheme stays the one the server speaks (--master's, else the
   * kubeconfig's server's, else http).
   */
  public String masterUrl(io.kubling.component.config.ComponentOptions common)
      throws IOException {
    return scheme(common) + "://127.0.0.1:" + port();
  }

  static String scheme(io.kubling.component.config.ComponentOptions common) {
    String server = common.master();
    if (server.isEmpty() && !common.kubeconfig().isEmpty()) {
      server = io.fabric8.kubernetes.client.Config.fromKubeconfig(
          new java.io.File(common.kubeconfig())).getMasterUrl();
    }
    return server != null && server.startsWith("https:") ? "https" : "http";
  }

  /** The local TCP port, for the agent side. */
  public int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel in = server.accept();
        SocketChannel out = target instanceof UnixDomainSocketAddress
            ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
          out.connect(target);
        } catch (IOException e) {
          in.close();
          out.close();
          continue;
        }
        pump(in, out);
        pump(out, in);
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
      }
    }
  }

  private static void pump(SocketChannel from, SocketChannel to) {
    Thread t = new Thread(() -> {
      ByteBuffer buf = ByteBuffer.allocate(32 * 1024);
      try {
        while (from.read(buf) >= 0) {
          buf.flip();
          while (buf.hasRemaining()) {
            to.write(buf);
          }
          buf.clear();
        }
        to.shutdownOutput();
      } catch (IOException e) {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing a broken connection
    }
  }

  @Override
  public void close() throws IOException {
    SocketAddress local = server.getLocalAddress();
    server.close();
    if (local instanceof UnixDomainSocketAddress u) {
      Files.deleteIfExists(u.getPath());
    }
  }
}

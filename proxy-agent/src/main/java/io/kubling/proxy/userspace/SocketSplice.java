package io.kubling.proxy.userspace;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Relays the bytes of two connected sockets both ways, as the userspace proxy's data path.
 *
 * <p>NetSocket's handler and pipeTo copy every chunk (Vert.x turns each pooled direct ByteBuf
 * into a heap Buffer, and writing a heap buffer copies it back into a direct one); here each
 * ByteBuf read from one socket is written, as it is, to the other, so the relay adds no copy
 * beyond the kernel's. Reads may grow to 1 MiB (Netty's default stops at 64 KiB), so that a
 * bulk transfer costs few system calls. Back-pressure: when the destination's write queue is
 * full, the source stops reading until it drains. One side's end or error closes both, which
 * keeps the client's and the backend's connection lifetimes — and keep-alive — the same.
 * Both sockets must be on the same event loop (the backend is dialled from the accepted
 * socket's context), so no chunk changes threads.
 */
final class SocketSplice {
  private static final int MAX_READ = 1 << 20;

  private SocketSplice() {}

  /** Stops reading a just-accepted socket until {@link #between} starts the relay. */
  static void hold(NetSocket socket) {
    channel(socket).config().setAutoRead(false);
  }

  static void between(NetSocket client, NetSocket backend) {
    one(client, backend);
    one(backend, client);
    channel(client).config().setAutoRead(true);
  }

  private static void one(NetSocket fromSocket, NetSocket toSocket) {
    NetSocketInternal from = (NetSocketInternal) fromSocket;
    NetSocketInternal to = (NetSocketInternal) toSocket;
    Channel in = channel(from);
    in.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(2048, 64 << 10,
        MAX_READ));
    from.messageHandler(msg -> {
      if (!(msg instanceof ByteBuf buf)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      to.writeMessage(buf); // the write releases it
      if (to.writeQueueFull()) {
        in.config().setAutoRead(false);
        to.drainHandler(v -> in.config().setAutoRead(true));
      }
    });
    from.endHandler(v -> to.end());
    from.exceptionHandler(e -> {
      from.close();
      to.close();
    });
  }

  private static Channel channel(NetSocket s) {
    return ((NetSocketInternal) s).channelHandlerContext().channel();
  }
}

package io.kubling.agent.kubelet;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code kubectl exec}: a started process tied to a WebSocket speaking the remotecommand
 * protocol. Its stdout and stderr go out on channels 1 and 2, channel 0 feeds its stdin, a v5
 * close of channel 0 closes its stdin, and when it has exited and its output is drained the
 * exit code goes out as a Status on channel 3 and the socket is closed. A client that goes
 * away kills the process.
 */
final class ExecSession {
  private static final Logger log = LoggerFactory.getLogger(ExecSession.class);

  private final ServerWebSocket ws;
  private final Process process;
  private final List<String> command;
  /** Writes to stdin off the event loop, in order: a process that does not read must not block it. */
  private final ExecutorService stdin = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "exec-stdin");
    t.setDaemon(true);
    return t;
  });

  ExecSession(ServerWebSocket ws, Process process, List<String> command) {
    this.ws = ws;
    this.process = process;
    this.command = command;
  }

  void start(boolean withStdin, boolean tty) {
    OutputStream in = process.getOutputStream();
    if (!withStdin) {
      closeStdin();
    }
    ws.binaryMessageHandler(b -> onMessage(b.getBytes(), in));
    ws.closeHandler(v -> {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      stdin.shutdown();
    });
    Thread out = pump(process.getInputStream(), StreamProtocol.STDOUT);
    Thread err = tty ? null : pump(process.getErrorStream(), StreamProtocol.STDERR);
    Thread waiter = new Thread(() -> {
      try {
        int code = process.waitFor();
        out.join(5000);
        if (err != null) {
          err.join(5000);
        }
        byte[] status = StreamProtocol.exitStatus(code, command);
        send(StreamProtocol.frame(StreamProtocol.ERROR, status, status.length));
        ws.close();
        log.atInfo().addKeyValue("command", command).addKeyValue("exitCode", code)
            .log("exec finished");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        stdin.shutdown();
      }
    }, "exec-wait");
    waiter.setDaemon(true);
    waiter.start();
  }

  private void onMessage(byte[] m, OutputStream in) {
    int channel = StreamProtocol.channel(m);
    if (channel == StreamProtocol.STDIN && m.length > 1) {
      stdin.execute(() -> {
        try {
          in.write(m, 1, m.length - 1);
          in.flush();
        } catch (IOException e) {
          // the process closed its stdin or exited; its exit is reported on its own
        }
      });
    } else if (channel == StreamProtocol.CLOSE && m.length > 1
        && (m[1] & 0xff) == StreamProtocol.STDIN) {
      stdin.execute(this::closeStdin);
    }
    // RESIZE: the terminal keeps script(1)'s default size; kubling does not resize it.
  }

  private void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private Thread pump(InputStream from, int channel) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try {
        int n;
        while ((n = from.read(buf)) >= 0) {
          if (n > 0) {
            send(StreamProtocol.frame(channel, buf, n));
          }
        }
      } catch (IOException e) {
        // the process is gone; what it wrote before is sent
      }
    }, "exec-out-" + channel);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void send(byte[] message) {
    if (!ws.isClosed()) {
      ws.writeBinaryMessage(Buffer.buffer(message));
    }
  }
}

package io.kubling.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.agent.pod.ContainerFinder;
import io.kubling.agent.pod.ContainerHandle;
import io.kubling.agent.runtime.ContainerLaunch;
import io.kubling.agent.runtime.ContainerProcess;
import io.kubling.agent.runtime.PodRef;
import io.kubling.agent.runtime.PodRuntime;
import io.kubling.agent.runtime.Sandbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's exec endpoint on loopback with a runtime that runs commands as plain local
 * processes: the channel framing both ways, v5's close of stdin, and the exit Status.
 */
class ExecSessionTest {
  Vertx vertx;
  /** Held: a client nobody references is collected, and its connections with it. */
  WebSocketClient client;
  KubeletServer server;

  /** Runs exec'ed commands right here, without a pod namespace. */
  static final class LocalRuntime implements PodRuntime {
    @Override
    public String version() {
      return "local";
    }

    @Override
    public Sandbox runSandbox(PodRef pod, boolean hostNetwork) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ContainerProcess start(Sandbox sandbox, ContainerLaunch launch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void signal(ContainerProcess process, boolean force) {}

    @Override
    public ExecResult exec(Sandbox sandbox, ContainerLaunch c, List<String> command,
        Duration timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Process execStream(Sandbox sandbox, ContainerLaunch c, List<String> command,
        boolean tty) throws IOException {
      return new ProcessBuilder(command).start();
    }

    @Override
    public void removeSandbox(Sandbox sandbox) {}
  }

  @BeforeEach
  void start() throws Exception {
    Path log = Path.of("/nonexistent/0.log");
    ContainerHandle h = new ContainerHandle(new Sandbox(new PodRef("default", "p", "u"), null,
        "127.0.0.1"), new ContainerLaunch("main", List.of("x"), Map.of(), null, log), log, null,
        new CompletableFuture<>(), null);
    ContainerFinder finder = (namespace, pod, c) ->
        pod.equals("p") && c.equals("main") ? Optional.of(h) : Optional.empty();
    LocalRuntime runtime = new LocalRuntime();
    server = KubeletServer.start("127.0.0.1", 0, () -> finder, () -> runtime);
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    server.close();
    vertx.close();
  }

  record Session(String protocol, List<Buffer> messages) {
    String channel(int c) {
      StringBuilder b = new StringBuilder();
      for (Buffer m : messages) {
        if ((m.getByte(0) & 0xff) == c) {
          b.append(m.slice(1, m.length()).toString());
        }
      }
      return b.toString();
    }
  }

  Session exec(String protocol, String query, List<Buffer> send) throws Exception {
    WebSocket ws = client.connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(server.port()).setURI("/exec/default/p/main?" + query)
            .setSubProtocols(List.of(protocol)))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<Buffer> got = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    ws.binaryMessageHandler(got::add);
    ws.closeHandler(v -> closed.complete(null));
    send.forEach(ws::writeBinaryMessage);
    closed.get(20, TimeUnit.SECONDS);
    return new Session(ws.subProtocol(), got);
  }

  static Buffer msg(int channel, String data) {
    return Buffer.buffer().appendByte((byte) channel).appendString(data);
  }

  @Test
  void stdoutStderrAndTheExitCodeGoOnTheirChannels() throws Exception {
    Session s = exec("v5.channel.k8s.io", "command=sh&command=-c&command="
        + URLEncoder.encode("echo out; echo err >&2; exit 3", StandardCharsets.UTF_8)
        + "&stdout=true&stderr=true", List.of());
    assertThat(s.protocol()).isEqualTo("v5.channel.k8s.io");
    assertThat(s.channel(1)).isEqualTo("out\n");
    assertThat(s.channel(2)).isEqualTo("err\n");
    assertThat(s.channel(3)).contains("\"reason\":\"NonZeroExitCode\"", "\"message\":\"3\"");
    // The Status is the last message.
    assertThat(s.messages().get(s.messages().size() - 1).getByte(0)).isEqualTo((byte) 3);
  }

  @Test
  void stdinIsFedAndV5sCloseEndsIt() throws Exception {
    Session s = exec("v5.channel.k8s.io", "command=cat&stdin=true&stdout=true&stderr=true",
        List.of(msg(0, "hello "), msg(0, "world\n"),
            Buffer.buffer().appendByte((byte) 255).appendByte((byte) 0)));
    assertThat(s.channel(1)).isEqualTo("hello world\n");
    assertThat(s.channel(3)).contains("\"status\":\"Success\"");
  }

  @Test
  void v4IsSpokenToOlderClients() throws Exception {
    Session s = exec("v4.channel.k8s.io", "command=true&stdout=true", List.of());
    assertThat(s.protocol()).isEqualTo("v4.channel.k8s.io");
    assertThat(s.channel(3)).contains("\"status\":\"Success\"");
  }
}

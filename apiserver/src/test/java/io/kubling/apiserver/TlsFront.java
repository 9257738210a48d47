package io.kubling.apiserver;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test code only: a TLS front (self-signed, made by openssl) that passes bytes to a plain-HTTP
 * API server. kubectl sends bearer tokens only over HTTPS, so a test that drives kubectl as a
 * {@link TestAuthenticator} user points it here with --insecure-skip-tls-verify. It goes once
 * the API server serves HTTPS itself.
 */
public final class TlsFront implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final NetServer server;

  public TlsFront(int backendPort, Path dir) throws Exception {
    Path cert = dir.resolve("front.crt");
    Path key = dir.resolve("front.key");
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj",
        "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true)
        .redirectOutput(dir.resolve("openssl.log").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("openssl could not make a test certificate");
    }
    NetClient client = vertx.createNetClient();
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)
            .setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(cert.toString()).setKeyPath(key.toString())))
        .connectHandler(in -> {
          in.pause();
          client.connect(backendPort, "127.0.0.1").onSuccess(out -> {
            pipe(in, out);
            pipe(out, in);
            in.resume();
          }).onFailure(t -> in.close());
        });
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void pipe(NetSocket from, NetSocket to) {
    from.handler(b -> {
      to.write(b);
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(v -> from.resume());
      }
    });
    from.closeHandler(v -> to.close());
  }

  public String url() {
    return "https://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}

package io.kubling.apiserver;

import io.kubling.testkit.EtcdServer;
import java.util.concurrent.TimeUnit;

/** A real etcd and an API server on a free loopback port, for one test class. */
public final class ApiServerFixture implements AutoCloseable {
  public final EtcdServer etcd;
  private ApiServer server;
  private final ApiServerOptions options;

  public ApiServerFixture() {
    this(o -> o);
  }

  public ApiServerFixture(java.util.function.UnaryOperator<ApiServerOptions> tweak) {
    etcd = EtcdServer.start("kubling-test");
    options = tweak.apply(ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0));
    server = startServer(options);
  }

  public static ApiServer startServer(ApiServerOptions options) {
    try {
      return new ApiServer(options).start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("API server did not start", e);
    }
  }

  public ApiServer server() {
    return server;
  }

  public ApiServerOptions options() {
    return options;
  }

  public String url() {
    return server.url();
  }

  /** Stops the API server and starts a new one on the same port and etcd. */
  public void restartServer() {
    restartServer(() -> {});
  }

  /** Like {@link #restartServer()}, running whileDown after the old server has stopped. */
  public void restartServer(Runnable whileDown) {
    int port = server.port();
    server.close();
    whileDown.run();
    server = startServer(options.withPort(port));
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      etcd.close();
    }
  }
}

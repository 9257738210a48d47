package io.kubling.apiserver;

import io.kubling.testkit.EtcdServer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd and an API server that authorizes with --authorization-mode=Node,RBAC (default
 * roles bootstrapped) and authenticates with the {@link TestAuthenticator}: plain HTTP, but
 * every request acts as the user its test token names.
 */
public final class SecureApiServerFixture implements AutoCloseable {
  public static final String ADMIN_TOKEN = TestAuthenticator.token("kubernetes-admin",
      "system:masters");

  public final EtcdServer etcd;
  private final ApiServer server;

  public SecureApiServerFixture() {
    etcd = EtcdServer.start("kubling-rbac-test");
    try {
      server = startAnother();
    } catch (RuntimeException e) {
      etcd.close();
      throw e;
    }
  }

  /** Another API server like the first on the same etcd (it bootstraps again); close it. */
  public ApiServer startAnother() {
    ServingSecurity security = new ServingSecurity(null, null, null, null, List.of(), null,
        null, List.of("Node", "RBAC"), true);
    ApiServerOptions options = ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0)
        .withServingSecurity(security);
    try {
      return ApiServer.withAuthenticator(options, TestAuthenticator.INSTANCE).start()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("API server did not start", e);
    }
  }

  public ApiServer server() {
    return server;
  }

  public String url() {
    return server.url();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      etcd.close();
    }
  }
}

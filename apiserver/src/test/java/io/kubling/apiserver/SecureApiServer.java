package io.kubling.apiserver;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubling.apiserver.authorization.Authorizer;
import io.kubling.testkit.EtcdServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd and an API server serving HTTPS with every authenticator configured: a client
 * CA, a static token file and a ServiceAccount key, all made fresh under a temp dir. The
 * authorizer is the test's own (Authorization.create belongs to RBAC).
 */
public final class SecureApiServer implements AutoCloseable {
  public static final String ADMIN_TOKEN = "admin-token-0123456789";
  public static final String DEV_TOKEN = "dev-token-0123456789";

  public final Path dir;
  public final TestPki.Issued ca;
  public final TestPki.Issued otherCa;
  /** Named like the cluster CA, with another key. */
  public final TestPki.Issued impostorCa;
  public final Path caFile;
  public final KeyPair saKeys;
  public final EtcdServer etcd;
  public final ApiServer server;

  public SecureApiServer(boolean anonymousAuth, Authorizer authorizer) {
    try {
      dir = Files.createTempDirectory("kubling-secure");
      ca = TestPki.ca("kubernetes");
      otherCa = TestPki.ca("someone-else");
      impostorCa = TestPki.ca("kubernetes");
      caFile = ca.write(dir, "ca")[0];
      Path[] serving = TestPki.server(ca).write(dir, "apiserver");
      Path tokens = dir.resolve("tokens.csv");
      Files.writeString(tokens, ADMIN_TOKEN + ",token-admin,1001,\"system:masters,ops\"\n"
          + DEV_TOKEN + ",dev-user,1002\n");
      saKeys = TestPki.rsa();
      Path saPub = dir.resolve("sa.pub");
      Files.writeString(saPub, TestPki.pem("PUBLIC KEY", saKeys.getPublic().getEncoded()));
      Path saKey = dir.resolve("sa.key");
      Files.writeString(saKey, TestPki.pem("PRIVATE KEY", saKeys.getPrivate().getEncoded()));
      ServingSecurity security = new ServingSecurity(serving[0], serving[1], caFile, tokens,
          List.of(saPub), saKey, null, List.of("AlwaysAllow"), anonymousAuth);
      etcd = EtcdServer.start("kubling-secure");
      ApiServerOptions options = ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0)
          .withServingSecurity(security);
      server = new ApiServer(options, store -> authorizer).start().get(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("secure API server did not start", e);
    }
  }

  public String url() {
    return server.url();
  }

  /** A fabric8 client that trusts the cluster CA and shows a client certificate. */
  public KubernetesClient clientWithCert(TestPki.Issued cert, String name) {
    Path[] files = cert.write(dir, name);
    return new KubernetesClientBuilder().withConfig(base()
        .withClientCertFile(files[0].toString()).withClientKeyFile(files[1].toString())
        .withClientKeyAlgo("EC").build()).build();
  }

  public KubernetesClient clientWithToken(String token) {
    return new KubernetesClientBuilder().withConfig(base().withOauthToken(token).build())
        .build();
  }

  public KubernetesClient anonymousClient() {
    return new KubernetesClientBuilder().withConfig(base().build()).build();
  }

  private ConfigBuilder base() {
    return new ConfigBuilder().withMasterUrl(url()).withCaCertFile(caFile.toString())
        .withRequestRetryBackoffLimit(0).withRequestTimeout(15_000);
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (etcd != null) {
        etcd.close();
      }
      deleteTree(dir);
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }
}

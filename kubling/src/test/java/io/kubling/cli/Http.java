package io.kubling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubling.cli.pki.TlsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Calls to the API server under test. Plain by default; after {@link #admin(Path)}, calls to
 * that server's origin trust its CA and show its admin client certificate (O=system:masters),
 * as kubectl with the kubeconfig the server wrote does.
 */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  /** Clients with credentials, by origin (scheme://host:port); each test uses its own ports. */
  private static final Map<String, HttpClient> BY_ORIGIN = new ConcurrentHashMap<>();

  private Http() {}

  /**
   * From now on, calls to the server of {@code <dataDir>/kubeconfig} go as its admin.
   * Returns that server's URL (https once kubling server serves HTTPS).
   */
  static String admin(Path dataDir) {
    return as(dataDir.resolve("kubeconfig"), dataDir.resolve("pki/ca.crt"),
        dataDir.resolve("pki/admin.crt"), dataDir.resolve("pki/admin.key"));
  }

  /** The server URL a kubeconfig names; calls to it then show the given certificate. */
  static String as(Path kubeconfig, Path ca, Path cert, Path key) {
    String server = serverOf(kubeconfig);
    BY_ORIGIN.put(origin(server), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
        .sslContext(TlsFiles.clientContext(ca, cert, key)).build());
    return server;
  }

  /** A client that trusts {@code ca} and shows no certificate: an anonymous caller. */
  static Response anonymousGet(String url, Path ca) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(ca)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
        .sslContext(ctx).build();
    HttpResponse<String> res = c.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Response(res.statusCode(), res.body());
  }

  static String serverOf(Path kubeconfig) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(kubeconfig.toFile())
          .at("/clusters/0/cluster/server").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String origin(String url) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
  }

  record Response(int code, String body) {}

  static Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static Response postJson(String url, String json) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static Response putJson(String url, String json) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  static Response delete(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
  }

  /** The status code, or -1 when nothing answers. */
  static int status(String url) {
    return get(url).code();
  }

  private static Response send(HttpRequest.Builder req) {
    try {
      HttpRequest r = req.timeout(Duration.ofSeconds(10)).build();
      HttpClient client = BY_ORIGIN.getOrDefault(origin(r.uri().toString()), CLIENT);
      HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
      return new Response(res.statusCode(), res.body());
    } catch (IOException e) {
      return new Response(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, e.toString());
    }
  }
}

package io.kubling.cli.etcd;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks etcd's {@code /health} endpoint whether it serves: a quorum and a leader. */
final class EtcdHealth {
  private final HttpClient http;
  private final URI uri;

  EtcdHealth(String clientUrl) {
    this(clientUrl, null);
  }

  /** With tls (null for plain HTTP): an etcd with --client-cert-auth wants a client cert. */
  EtcdHealth(String clientUrl, javax.net.ssl.SSLContext tls) {
    this.uri = URI.create(clientUrl + "/health");
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
  }

  boolean healthy() throws InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      return res.statusCode() == 200 && res.body().replace(" ", "").contains("\"health\":\"true\"");
    } catch (IOException notYet) {
      return false;
    }
  }
}

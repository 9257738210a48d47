package io.kubling.apiserver;

import io.kubling.apiserver.authentication.ClientCertificates;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Files;
import java.util.List;

/**
 * HTTPS for the API server (--tls-cert-file, --tls-private-key-file, --client-ca-file):
 * HTTP/2 and HTTP/1.1 by ALPN, and client certificates requested but not required, so
 * requests without one still reach token and anonymous authentication.
 */
final class ServingTls {
  /** kube-apiserver's (Go's) default --http2-max-streams-per-connection: many watches. */
  static final long MAX_CONCURRENT_STREAMS = 250;

  private ServingTls() {}

  static HttpServerOptions apply(ServingSecurity security, HttpServerOptions http) {
    if (!security.tls()) {
      return http;
    }
    if (security.tlsPrivateKeyFile() == null) {
      throw new IllegalArgumentException("--tls-cert-file needs --tls-private-key-file");
    }
    for (var file : List.of(security.tlsCertFile(), security.tlsPrivateKeyFile())) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read " + file);
      }
    }
    http.setSsl(true)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS))
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(security.tlsCertFile().toString())
            .setKeyPath(security.tlsPrivateKeyFile().toString()));
    if (security.clientCaFile() != null) {
      // The chain is verified per request by the x509 authenticator, as Kubernetes does,
      // so a certificate from another CA is a 401 rather than a failed handshake.
      http.setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(
          ClientCertificates.load(security.clientCaFile()).requestingTrustManager()));
    }
    return http;
  }
}

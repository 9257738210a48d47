package io.kubling.ingress.snapshot;

import java.util.List;

/**
 * A kubernetes.io/tls Secret's certificate chain and key (PEM), and the Ingress TLS hosts it
 * serves; the TLS server picks among these by SNI.
 */
public record TlsCertificate(String secret, List<String> hosts, String certPem, String keyPem) {}

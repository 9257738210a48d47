package io.kubling.apiserver.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * --client-ca-file: a client certificate signed by one of its CAs authenticates as CN (user)
 * and O (groups), as Kubernetes' x509 authenticator.
 *
 * <p>The TLS layer only <em>requests</em> a client certificate (and names these CAs to the
 * client); the chain is verified here, per request, as kube-apiserver does with Go's
 * RequestClientCert. That way a certificate from another CA gets a 401 Unauthorized in the
 * API's own words rather than a failed handshake, and requests without one still reach
 * token and anonymous authentication.
 */
public final class ClientCertificates implements Authenticator {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EKU = "2.5.29.37.0";

  private final List<X509Certificate> roots;
  private final Set<TrustAnchor> anchors = new HashSet<>();
  /**
   * One chain check per TLS session rather than per request: a connection's peer chain
   * cannot change, and path validation costs far more than the request itself. Entries
   * live a minute so a certificate that expires is noticed on long-lived connections.
   */
  private final Cache<SSLSession, Verified> sessions = Caffeine.newBuilder().weakKeys()
      .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

  /** A session's outcome: the user, or why it was refused. */
  private record Verified(UserInfo user, Unauthorized refused) {}

  public ClientCertificates(List<X509Certificate> roots) {
    this.roots = List.copyOf(roots);
    this.roots.forEach(c -> anchors.add(new TrustAnchor(c, null)));
  }

  public static ClientCertificates load(Path clientCaFile) {
    return new ClientCertificates(PemFiles.certificates(clientCaFile));
  }

  /**
   * The server side TLS trust: accepts whatever chain the client shows (checked per request
   * by {@link #authenticate}), and lists the client CAs in the CertificateRequest so
   * clients with several certificates pick one these CAs signed.
   */
  public TrustManager requestingTrustManager() {
    X509Certificate[] issuers = roots.toArray(X509Certificate[]::new);
    return new X509ExtendedTrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("server side only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {
        throw new UnsupportedOperationException("server side only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
        throw new UnsupportedOperationException("server side only");
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return issuers.clone();
      }
    };
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerRequest request) {
    if (!request.isSSL()) {
      return Optional.empty();
    }
    SSLSession session = request.sslSession();
    if (session == null) {
      return Optional.empty();
    }
    Verified v = sessions.get(session, s -> {
      List<Certificate> chain;
      try {
        chain = List.of(s.getPeerCertificates());
      } catch (SSLPeerUnverifiedException e) {
        return new Verified(null, null); // no client certificate: others decide
      }
      try {
        return new Verified(chain.isEmpty() ? null : verify(chain, new Date()), null);
      } catch (Unauthorized e) {
        return new Verified(null, e);
      }
    });
    if (v.refused() != null) {
      throw v.refused();
    }
    return Optional.ofNullable(v.user());
  }

  /** The user a chain (leaf first) names, or Unauthorized when these CAs did not sign it. */
  UserInfo verify(List<Certificate> chain, Date at) {
    List<X509Certificate> certs = new ArrayList<>();
    for (Certificate c : chain) {
      if (!(c instanceof X509Certificate x)) {
        throw new Unauthorized("not an X.509 certificate");
      }
      certs.add(x);
    }
    X509Certificate leaf = certs.get(0);
    try {
      // Intermediates come from the client; the path must end at one of the client CAs.
      List<X509Certificate> path = new ArrayList<>();
      for (X509Certificate c : certs) {
        if (anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c))) {
          break;
        }
        path.add(c);
      }
      if (path.isEmpty()) {
        throw new Unauthorized("client certificate is a CA certificate");
      }
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(at);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      List<String> eku = leaf.getExtendedKeyUsage();
      if (eku != null && !eku.contains(CLIENT_AUTH) && !eku.contains(ANY_EKU)) {
        throw new Unauthorized("certificate is not for client authentication");
      }
    } catch (GeneralSecurityException e) {
      throw new Unauthorized("x509: " + e.getMessage());
    }
    return user(leaf);
  }

  /** CN is the user name and every O a group, as Kubernetes' CommonNameUserConversion. */
  static UserInfo user(X509Certificate leaf) {
    String cn = null;
    List<String> groups = new ArrayList<>();
    try {
      LdapName dn = new LdapName(leaf.getSubjectX500Principal().getName());
      // getRdns() lists the RDNs in the certificate's own order (the string is reversed).
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN") && cn == null) {
          cn = String.valueOf(rdn.getValue());
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      throw new Unauthorized("unreadable subject");
    }
    if (cn == null || cn.isEmpty()) {
      throw new Unauthorized("common name of client certificate is empty");
    }
    if (!groups.contains(UserInfo.ALL_AUTHENTICATED)) {
      groups.add(UserInfo.ALL_AUTHENTICATED);
    }
    return new UserInfo(cn, "", groups, Map.of());
  }
}

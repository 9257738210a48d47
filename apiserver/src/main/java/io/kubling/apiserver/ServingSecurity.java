package io.kubling.apiserver;

import java.nio.file.Path;
import java.util.List;

/**
 * How the API server decides who is calling and what they may do, named after
 * kube-apiserver's flags. {@link #NONE} (no TLS, no authentication, AlwaysAllow) is only for
 * the in-process servers of tests and benchmarks; {@code kubling server} and
 * {@code kubling apiserver} always serve HTTPS with authentication and RBAC.
 *
 * @param tlsCertFile --tls-cert-file: serving certificate; with it the server speaks HTTPS only
 * @param tlsPrivateKeyFile --tls-private-key-file
 * @param clientCaFile --client-ca-file: client certificates signed by it authenticate (CN is
 *     the user, O the groups)
 * @param tokenAuthFile --token-auth-file: static bearer tokens, CSV token,user,uid,"g1,g2"
 * @param serviceAccountKeyFiles --service-account-key-file: keys that verify ServiceAccount
 *     tokens
 * @param serviceAccountSigningKeyFile --service-account-signing-key-file: signs TokenRequests
 * @param serviceAccountIssuer --service-account-issuer: the tokens' iss claim
 * @param authorizationModes --authorization-mode, in order: AlwaysAllow, Node, RBAC
 * @param anonymousAuth --anonymous-auth: requests with no credentials are system:anonymous
 *     (RBAC then lets them reach only the health endpoints and /version); off → 401
 */
public record ServingSecurity(Path tlsCertFile, Path tlsPrivateKeyFile, Path clientCaFile,
    Path tokenAuthFile, List<Path> serviceAccountKeyFiles, Path serviceAccountSigningKeyFile,
    String serviceAccountIssuer, List<String> authorizationModes, boolean anonymousAuth) {

  public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

  public static final ServingSecurity NONE = new ServingSecurity(null, null, null, null,
      List.of(), null, DEFAULT_ISSUER, List.of("AlwaysAllow"), true);

  public ServingSecurity {
    serviceAccountKeyFiles = List.copyOf(serviceAccountKeyFiles);
    authorizationModes = List.copyOf(authorizationModes);
    serviceAccountIssuer = serviceAccountIssuer == null ? DEFAULT_ISSUER : serviceAccountIssuer;
  }

  /** HTTPS: a serving certificate is configured. */
  public boolean tls() {
    return tlsCertFile != null;
  }

  /** Any way to authenticate is configured; without one every request is UNSECURED. */
  public boolean authenticates() {
    return clientCaFile != null || tokenAuthFile != null || !serviceAccountKeyFiles.isEmpty();
  }
}
